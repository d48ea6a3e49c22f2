package dev.preptrack.ui.http;

import dev.preptrack.projections.readiness.ReadinessReport;
import dev.preptrack.projections.readiness.RubricReadiness;
import dev.preptrack.projections.readiness.SectionReadiness;
import dev.preptrack.tracker.app.InvalidRequestException;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /readiness}: readiness per rubric and section, now or as of a date, under the
 * active rules, honouring {@code after=<position>}.
 */
final class ReadinessRoutes {

    private final Backends backends;
    private final Duration readDeadline;
    private final Clock clock;

    ReadinessRoutes(Backends backends, Duration readDeadline, Clock clock) {
        this.backends = backends;
        this.readDeadline = readDeadline;
        this.clock = clock;
    }

    void readiness(Context ctx) {
        String candidateId = WriteRoutes.candidateId(ctx);
        var readSide = backends.readSide();
        String rubric = ctx.queryParam("rubric");
        if (rubric != null && readSide.rules().rubric(rubric).isEmpty()) {
            throw InvalidRequestException.of("rubric", "unknown rubric '" + rubric + "'; rules version "
                    + readSide.rules().version() + " has " + readSide.rules().rubricIds());
        }
        Instant asOf = asOf(ctx.queryParam("asOf"));
        ReadinessReport report = readSide.readiness(candidateId, rubric, asOf, StoryRoutes.after(ctx), readDeadline);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rulesVersion", report.rulesVersion());
        body.put("asOf", report.asOf().toString());
        body.put("rubrics", report.rubrics().stream().map(ReadinessRoutes::json).toList());
        var titles = readSide.stories(candidateId, 0, readDeadline).map(bank -> bank.getStories()).orElse(Map.of());
        body.put("stories", report.stories().stream().map(story -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("storyId", story.storyId());
            var view = titles.get(story.storyId());
            json.put("title", view == null ? null : view.getTitle());
            json.putAll(json(story.readiness()));
            return json;
        }).toList());
        ctx.json(body);
    }

    /**
     * An instant, or a date meaning the end of that day (UTC) — or now, for today, so that "as
     * of today" does not age what was just practised; now when absent. (An instant in the
     * future is allowed: it shows what time without practice will do.)
     */
    private Instant asOf(String text) {
        Instant now = clock.instant();
        if (text == null || text.isBlank()) {
            return now;
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException notAnInstant) {
            try {
                Instant endOfDay = LocalDate.parse(text.trim()).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()
                        .minusMillis(1);
                LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
                return LocalDate.parse(text.trim()).equals(today) ? now : endOfDay;
            } catch (DateTimeParseException notADate) {
                throw InvalidRequestException.of("asOf", "must be a date (2026-11-20) or an instant "
                        + "(2026-11-20T18:00:00Z), not '" + text + "'");
            }
        }
    }

    private static Map<String, Object> json(RubricReadiness rubric) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rubric", rubric.rubric());
        json.put("score", rubric.score());
        json.put("level", rubric.level());
        json.put("reasons", rubric.reasons());
        json.put("sections", rubric.sections().stream().map(ReadinessRoutes::json).toList());
        return json;
    }

    private static Map<String, Object> json(SectionReadiness section) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("section", section.section());
        json.put("score", section.score());
        json.put("level", section.level());
        json.put("components", section.components());
        json.put("reasons", section.reasons());
        json.put("attempts", section.attempts());
        json.put("lastPracticedAt", section.lastPracticedAt() == null ? null : section.lastPracticedAt().toString());
        json.put("openFeedback", section.openFeedback());
        return json;
    }
}
