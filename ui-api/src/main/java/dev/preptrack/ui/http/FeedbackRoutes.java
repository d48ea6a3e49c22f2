package dev.preptrack.ui.http;

import dev.preptrack.projections.CandidateFeedback;
import dev.preptrack.projections.FeedbackItemView;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /feedback}: every feedback item, oldest first, with the edits that addressed it
 * and its latest triage. {@code themes} is empty until the themes projection assigns them.
 */
final class FeedbackRoutes {

    private final Backends backends;
    private final Duration readDeadline;

    FeedbackRoutes(Backends backends, Duration readDeadline) {
        this.backends = backends;
        this.readDeadline = readDeadline;
    }

    void list(Context ctx) {
        String candidateId = WriteRoutes.candidateId(ctx);
        CandidateFeedback feedback = backends.readSide().feedback(candidateId, StoryRoutes.after(ctx), readDeadline)
                .orElse(null);
        List<Map<String, Object>> items = feedback == null ? List.of() : feedback.getItems().values().stream()
                .sorted(Comparator.comparing(FeedbackItemView::getOccurredAt).thenComparing(FeedbackItemView::getFeedbackId))
                .map(FeedbackRoutes::json).toList();
        ctx.json(Map.of("items", items, "position", String.valueOf(feedback == null ? 0 : feedback.getSequence())));
    }

    private static Map<String, Object> json(FeedbackItemView item) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("feedbackId", item.getFeedbackId());
        json.put("text", item.getText());
        json.put("source", Map.of("name", item.getSourceName(), "role", item.getSourceRole()));
        json.put("occurredAt", item.getOccurredAt().toString());
        json.put("storyId", item.getStoryId());
        json.put("attemptId", item.getAttemptId());
        json.put("rubric", item.getRubric());
        json.put("section", item.getSection());
        json.put("score", item.getScore());
        json.put("themes", List.of());
        json.put("addressedBy", item.getAddressedBy().stream().map(edit -> Map.of("storyId", edit.getStoryId(),
                "version", edit.getVersion(), "occurredAt", edit.getOccurredAt().toString())).toList());
        json.put("triage", item.getTriage() == null ? null : Map.of("decision", item.getTriage().getDecision(),
                "occurredAt", item.getTriage().getOccurredAt().toString()));
        return json;
    }
}
