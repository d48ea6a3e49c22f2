package dev.preptrack.domain.event;

import java.util.Objects;

/** A story is no longer rehearsed; its history stays. {@code reason} is null when none was given. */
public record StoryRetired(String storyId, String reason) implements Payload {

    public StoryRetired {
        Objects.requireNonNull(storyId, "storyId");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.storyRetired(this);
    }
}
