package dev.preptrack.projections.query;

import dev.preptrack.projections.CandidateStories;
import dev.preptrack.projections.StoryView;
import dev.preptrack.rules.Rules;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The story use cases: a candidate's stories, and one story, with sections in the rubric's order. */
public final class StoryQuery {

    private final ReadModels models;
    private final Rules rules;

    public StoryQuery(ReadModels models, Rules rules) {
        this.models = models;
        this.rules = rules;
    }

    public StoryList stories(String candidateId, long after) {
        CandidateStories bank = models.stories(candidateId, after).orElse(null);
        if (bank == null) {
            return new StoryList(List.of(), "0");
        }
        return new StoryList(bank.getStories().values().stream().sorted(Comparator.comparing(StoryView::getStoryId))
                .map(this::detail).toList(), String.valueOf(bank.getSequence()));
    }

    /** The story, or empty when the candidate has none by that id. */
    public Optional<StoryDetail> story(String candidateId, String storyId, long after) {
        return models.stories(candidateId, after).map(bank -> bank.getStories().get(storyId)).map(this::detail);
    }

    private StoryDetail detail(StoryView story) {
        return StoryDetail.of(story, inRubricOrder(story));
    }

    /**
     * Sections in the order they are spoken (the rubric's), under the rules' current ids (a text
     * written under a section's former id shows under the section it became), any the rules no
     * longer know last.
     */
    private Map<String, String> inRubricOrder(StoryView story) {
        Map<String, String> ordered = new LinkedHashMap<>();
        java.util.Set<String> placed = new java.util.HashSet<>();
        rules.rubricOf(story.getRubric()).ifPresent(rubric -> rubric.sections().forEach(section -> {
            java.util.stream.Stream.concat(java.util.stream.Stream.of(section.id()), section.formerly().stream())
                    .filter(story.getSections()::containsKey).findFirst().ifPresent(id -> {
                        ordered.put(section.id(), story.getSections().get(id));
                        placed.add(id);
                    });
        }));
        new TreeMap<>(story.getSections()).forEach((id, text) -> {
            if (!placed.contains(id)) {
                ordered.putIfAbsent(id, text);
            }
        });
        return ordered;
    }
}
