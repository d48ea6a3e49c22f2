package dev.preptrack.ui.http.requests;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of "edit a story", checked against {@code requests/edit-story.json}: only the
 * sections that changed (in the order sent), the feedback the edit addresses, and a note.
 * The story and the version edited are not here: they come from the path and If-Match.
 */
public record EditStoryRequest(Map<String, String> sections, List<String> addressesFeedback, String note,
        Instant occurredAt) {

    public EditStoryRequest {
        sections = Collections.unmodifiableMap(new LinkedHashMap<>(sections == null ? Map.of() : sections));
        addressesFeedback = addressesFeedback == null ? List.of() : List.copyOf(addressesFeedback);
    }
}
