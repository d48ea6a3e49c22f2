package dev.preptrack.ui.http.requests;

import java.time.Instant;
import java.util.List;

/**
 * The body of "correct a feedback item's themes", checked against
 * {@code requests/correct-themes.json}: the theme ids the item really carries, and a note.
 */
public record CorrectThemesRequest(List<String> themes, String note, Instant occurredAt) {
}
