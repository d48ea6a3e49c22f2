package dev.preptrack.domain.event;

import java.util.Objects;

/** The candidate decided what to do about a feedback item; {@code note} is null when none. */
public record FeedbackTriaged(String feedbackId, Decision decision, String note) implements Payload {

    public FeedbackTriaged {
        Objects.requireNonNull(feedbackId, "feedbackId");
        Objects.requireNonNull(decision, "decision");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.feedbackTriaged(this);
    }

    /** What was decided. */
    public enum Decision {
        ADDRESSED, WONT_FIX, REOPENED
    }
}
