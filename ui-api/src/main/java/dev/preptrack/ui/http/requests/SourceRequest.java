package dev.preptrack.ui.http.requests;

/**
 * Who gave a piece of feedback: a name and a role as sent (peer, coach, interviewer, self).
 */
public record SourceRequest(String name, String role) {
}
