package dev.preptrack.ui.http.requests;

import java.time.Instant;

/**
 * The body of "retire a story", checked against {@code requests/retire-story.json}; both
 * fields are optional, and a route with no body at all binds an empty object to this.
 */
public record RetireStoryRequest(String reason, Instant occurredAt) {
}
