package dev.preptrack.ui.http;

import dev.preptrack.projections.CandidateFeedback;
import dev.preptrack.projections.FeedbackItemView;
import dev.preptrack.projections.themes.ThemesReport;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /feedback}: every feedback item, oldest first, with its themes, the edits that
 * addressed it, its latest triage and whether it is still open. {@code GET /themes}: the
 * candidate's recurring feedback themes and emerging clusters, now.
 */
final class FeedbackRoutes {

    private final Backends backends;
    private final Duration readDeadline;
    private final Clock clock;

    FeedbackRoutes(Backends backends, Duration readDeadline, Clock clock) {
        this.backends = backends;
        this.readDeadline = readDeadline;
        this.clock = clock;
    }

    void themes(Context ctx) {
        var readSide = backends.readSide();
        ThemesReport report = readSide.themes(WriteRoutes.candidateId(ctx), clock.instant(), StoryRoutes.after(ctx),
                readDeadline);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rulesVersion", readSide.rules().version());
        body.put("asOf", report.now().toString());
        body.put("themes", report.themes().stream().map(FeedbackRoutes::json).toList());
        body.put("emerging", report.emerging().stream().map(cluster -> Map.of("label", cluster.label(),
                "count", cluster.count(), "examples", examples(cluster.examples()))).toList());
        ctx.json(body);
    }

    private static Map<String, Object> json(ThemesReport.ThemeSummary theme) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("theme", theme.theme());
        json.put("title", theme.title());
        json.put("count", theme.count());
        json.put("sources", theme.sources());
        json.put("sessions", theme.sessions());
        json.put("recurring", theme.recurring());
        json.put("open", theme.open());
        json.put("addressed", theme.addressed());
        json.put("firstSeen", theme.firstSeen().toString());
        json.put("lastSeen", theme.lastSeen().toString());
        json.put("trend", theme.trend());
        json.put("recent", theme.recent());
        json.put("previous", theme.previous());
        json.put("examples", examples(theme.examples()));
        return json;
    }

    private static List<Map<String, Object>> examples(List<ThemesReport.Example> examples) {
        return examples.stream().map(example -> Map.<String, Object>of("feedbackId", example.feedbackId(),
                "text", example.text(), "occurredAt", example.occurredAt().toString())).toList();
    }

    void list(Context ctx) {
        String candidateId = WriteRoutes.candidateId(ctx);
        CandidateFeedback feedback = backends.readSide().feedback(candidateId, StoryRoutes.after(ctx), readDeadline)
                .orElse(null);
        List<Map<String, Object>> items = feedback == null ? List.of() : feedback.getItems().values().stream()
                .sorted(Comparator.comparing(FeedbackItemView::getOccurredAt).thenComparing(FeedbackItemView::getFeedbackId))
                .map(item -> json(item, feedback.getLastAttemptAt(), backends.readSide())).toList();
        ctx.json(Map.of("items", items, "position", String.valueOf(feedback == null ? 0 : feedback.getSequence())));
    }

    private static Map<String, Object> json(FeedbackItemView item, Map<String, java.time.Instant> lastAttemptAt,
            dev.preptrack.projections.ReadSide readSide) {
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
        json.put("themes", item.getThemes());
        json.put("status", ThemesReport.status(item, lastAttemptAt, readSide.rules().themes()));
        // The stored themes are the projection's; the explanation is the same rules applied again.
        json.put("why", readSide.explainThemes(item.getText()).evidence().stream()
                .filter(e -> item.getThemes().contains(e.theme()))
                .map(e -> Map.of("theme", e.theme(), "clause", e.clause(), "pattern", e.pattern())).toList());
        json.put("addressedBy", item.getAddressedBy().stream().map(edit -> Map.of("storyId", edit.getStoryId(),
                "version", edit.getVersion(), "occurredAt", edit.getOccurredAt().toString())).toList());
        json.put("triage", item.getTriage() == null ? null : Map.of("decision", item.getTriage().getDecision(),
                "occurredAt", item.getTriage().getOccurredAt().toString()));
        return json;
    }
}
