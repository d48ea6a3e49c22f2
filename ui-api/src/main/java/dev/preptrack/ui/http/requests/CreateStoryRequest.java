package dev.preptrack.ui.http.requests;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of "create a story" as the client sent it, already checked against
 * {@code requests/create-story.json}. Sections keep the order they were written in, because
 * that is the order a candidate tells the story; a left-out story id is null (the server
 * generates one) and left-out tags and notes are empty lists.
 */
public record CreateStoryRequest(String storyId, String title, String rubric, Map<String, String> sections,
        List<String> tags, String prompt, List<String> notes, Instant occurredAt) {

    public CreateStoryRequest {
        sections = Collections.unmodifiableMap(new LinkedHashMap<>(sections == null ? Map.of() : sections));
        tags = tags == null ? List.of() : List.copyOf(tags);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }
}
