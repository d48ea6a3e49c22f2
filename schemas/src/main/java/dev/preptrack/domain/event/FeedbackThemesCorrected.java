package dev.preptrack.domain.event;

import java.util.List;
import java.util.Objects;

/**
 * Someone said which themes a feedback item really carries ({@code themes}, possibly none); it
 * overrides the classifier for that item and teaches it for the candidate's later ones.
 * {@code note} is null when none.
 */
public record FeedbackThemesCorrected(String feedbackId, List<String> themes, String note) implements Payload {

    public FeedbackThemesCorrected {
        Objects.requireNonNull(feedbackId, "feedbackId");
        themes = List.copyOf(themes);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.themesCorrected(this);
    }
}
