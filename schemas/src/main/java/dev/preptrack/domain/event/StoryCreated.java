package dev.preptrack.domain.event;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A story was written, at version 1, against a rubric.
 *
 * @param sections section id → text (unordered on the wire: readers order sections by the rubric)
 * @param prompt the interview question the story answers, or null
 * @param notes the candidate's private notes on it, never read as feedback
 */
public record StoryCreated(String storyId, String title, String rubric, Map<String, String> sections,
        List<String> tags, String prompt, List<String> notes) implements Payload {

    public StoryCreated {
        Objects.requireNonNull(storyId, "storyId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(rubric, "rubric");
        sections = OrderedMaps.copyOf(sections);
        tags = List.copyOf(tags);
        notes = List.copyOf(notes);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.storyCreated(this);
    }
}
