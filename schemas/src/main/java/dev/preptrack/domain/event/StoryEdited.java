package dev.preptrack.domain.event;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A story changed from {@code expectedVersion} to {@code newVersion}: the sections that changed,
 * the feedback items the edit addresses, and a note (null when none).
 */
public record StoryEdited(String storyId, int expectedVersion, int newVersion, Map<String, String> changedSections,
        List<String> feedbackAddressed, String note) implements Payload {

    public StoryEdited {
        Objects.requireNonNull(storyId, "storyId");
        changedSections = OrderedMaps.copyOf(changedSections);
        feedbackAddressed = List.copyOf(feedbackAddressed);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.storyEdited(this);
    }
}
