package dev.preptrack.domain.event;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A story was written, at version 1, against a rubric.
 *
 * @param sections section id → text (unordered on the wire: readers order sections by the rubric)
 */
public record StoryCreated(String storyId, String title, String rubric, Map<String, String> sections,
        List<String> tags) implements Payload {

    public StoryCreated {
        Objects.requireNonNull(storyId, "storyId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(rubric, "rubric");
        sections = OrderedMaps.copyOf(sections);
        tags = List.copyOf(tags);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.storyCreated(this);
    }
}
