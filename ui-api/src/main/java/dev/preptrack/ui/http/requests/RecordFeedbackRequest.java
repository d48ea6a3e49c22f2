package dev.preptrack.ui.http.requests;

import java.time.Instant;

/**
 * The body of "record feedback", checked against {@code requests/record-feedback.json}. The
 * ids it may name (attempt, story, rubric, section) are only known to exist once the
 * application has looked; here they are well-formed ids or null.
 */
public record RecordFeedbackRequest(String feedbackId, String attemptId, String storyId, String rubric, String section,
        String text, Integer score, SourceRequest source, Instant occurredAt) {
}
