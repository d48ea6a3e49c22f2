package dev.preptrack.projections.query;

import dev.preptrack.projections.readiness.RubricReadiness;
import dev.preptrack.projections.readiness.SectionReadiness;
import java.util.List;
import java.util.Map;

/**
 * A candidate's readiness as {@code GET /readiness} answers it: every rubric (or the one asked
 * for) with its sections in the rubric's order, and the same roll-up per practised story with the
 * story's title. Instants are ISO-8601 text.
 */
public record ReadinessResult(int rulesVersion, String asOf, List<RubricResult> rubrics, List<StoryResult> stories) {

    public record RubricResult(String rubric, int score, String level, List<String> reasons,
            List<SectionResult> sections) {

        static RubricResult of(RubricReadiness rubric) {
            return new RubricResult(rubric.rubric(), rubric.score(), rubric.level(), rubric.reasons(),
                    SectionResult.of(rubric));
        }
    }

    public record SectionResult(String section, int score, String level, Map<String, Double> components,
            List<String> reasons, int attempts, String lastPracticedAt, List<String> openFeedback,
            Integer overBudgetSeconds) {

        static List<SectionResult> of(RubricReadiness rubric) {
            return rubric.sections().stream().map(SectionResult::of).toList();
        }

        static SectionResult of(SectionReadiness section) {
            return new SectionResult(section.section(), section.score(), section.level(), section.components(),
                    section.reasons(), section.attempts(),
                    section.lastPracticedAt() == null ? null : section.lastPracticedAt().toString(),
                    section.openFeedback(), section.overBudgetSeconds());
        }
    }

    /** One practised story's readiness; {@code title} is null for a story the story history does not know. */
    public record StoryResult(String storyId, String title, String rubric, int score, String level,
            List<String> reasons, List<SectionResult> sections) {

        static StoryResult of(String storyId, String title, RubricReadiness rubric) {
            return new StoryResult(storyId, title, rubric.rubric(), rubric.score(), rubric.level(), rubric.reasons(),
                    SectionResult.of(rubric));
        }
    }
}
