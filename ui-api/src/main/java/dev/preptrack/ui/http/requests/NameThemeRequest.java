package dev.preptrack.ui.http.requests;

import java.time.Instant;
import java.util.List;

/**
 * The body of "name a theme of the candidate's own", checked against
 * {@code requests/name-theme.json}: its title, the feedback items it groups, and a note.
 */
public record NameThemeRequest(String title, List<String> feedbackIds, String note, Instant occurredAt) {
}
