package dev.preptrack.ui.http.requests;

import java.time.Instant;
import java.util.List;

/**
 * The body of "log a practice attempt", checked against {@code requests/log-attempt.json}.
 * {@code mode} is the text sent (one of solo, peer-mock, coach-mock, interview); turning it
 * into the domain's value is the domain's job. Optional fields left out are null.
 */
public record LogAttemptRequest(String attemptId, String storyId, Integer storyVersion, String rubric, String prompt,
        String mode, Integer selfScore, List<SectionPracticeRequest> sections, Instant occurredAt) {

    public LogAttemptRequest {
        sections = sections == null ? List.of() : List.copyOf(sections);
    }
}
