package dev.preptrack.ui.http.requests;

/**
 * One section rehearsed in an attempt: which, for how many seconds, and the candidate's own
 * score for it if they gave one. Whether the section belongs to the rubric, or is listed twice,
 * is the application's question.
 */
public record SectionPracticeRequest(String section, int seconds, Integer selfScore) {
}
