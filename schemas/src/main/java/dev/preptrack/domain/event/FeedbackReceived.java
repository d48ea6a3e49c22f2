package dev.preptrack.domain.event;

import java.util.Objects;

/**
 * Feedback a candidate received: free text from a named source, optionally tied to an attempt,
 * a story and a rubric section (each null when not), optionally with a score of 1 to 5.
 */
public record FeedbackReceived(String feedbackId, Source source, String text, String attemptId, String storyId,
        String rubric, String section, Integer score) implements Payload {

    public FeedbackReceived {
        Objects.requireNonNull(feedbackId, "feedbackId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(text, "text");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.feedbackReceived(this);
    }

    /** Who gave the feedback, and their relation to the candidate. */
    public record Source(String name, Role role) {

        public Source {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(role, "role");
        }

        /** A giver's relation to the candidate; scores from some weigh more than from others. */
        public enum Role {
            PEER, COACH, INTERVIEWER, SELF
        }
    }
}
