package dev.preptrack.projections.query;

import java.util.List;

/** A candidate's stories as {@code GET /stories} answers them, by id; {@code position} is the last event folded in. */
public record StoryList(List<StoryDetail> stories, String position) {
}
