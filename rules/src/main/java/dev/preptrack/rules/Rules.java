package dev.preptrack.rules;

import java.util.List;
import java.util.Optional;

/**
 * One version of the rules every decision and projection is computed under. Version 1 ships
 * with preptrack ({@link RulesLoader#defaults()}); later versions are published as documents of
 * the same format (docs/rules-format.md).
 */
public record Rules(int version, List<Rubric> rubrics, ReadinessRules readiness, ThemeRules themes) {

    public Rules {
        rubrics = List.copyOf(rubrics);
    }

    public Optional<Rubric> rubric(String rubricId) {
        // A loop, not a stream: folds ask this for every event they read.
        for (Rubric rubric : rubrics) {
            if (rubric.id().equals(rubricId)) {
                return Optional.of(rubric);
            }
        }
        return Optional.empty();
    }

    /** The rubric an event's rubric id means under these rules: its own id, or one it was formerly known by. */
    public Optional<Rubric> rubricOf(String eventRubricId) {
        Optional<Rubric> byId = rubric(eventRubricId);
        return byId.isPresent() ? byId
                : rubrics.stream().filter(rubric -> rubric.formerly().contains(eventRubricId)).findFirst();
    }

    /**
     * The rubric a person's name for it means: its id, or one of its aliases, ignoring case and
     * punctuation ({@link Names}); an exact id first, so an alias can never hide one.
     */
    public Optional<Rubric> resolveRubric(String name) {
        if (name == null) {
            return Optional.empty();
        }
        Optional<Rubric> byId = rubricOf(name.trim());
        if (byId.isPresent()) {
            return byId;
        }
        return rubrics.stream().filter(rubric -> Names.names(name, rubric.id(), rubric.aliases())).findFirst();
    }

    public List<String> rubricIds() {
        return rubrics.stream().map(Rubric::id).toList();
    }
}
