package dev.preptrack.ui.http.requests;

import java.time.Instant;

/**
 * The body of "triage feedback", checked against {@code requests/triage-feedback.json}: the
 * decision as sent (addressed, wont-fix, reopened) and an optional note.
 */
public record TriageFeedbackRequest(String decision, String note, Instant occurredAt) {
}
