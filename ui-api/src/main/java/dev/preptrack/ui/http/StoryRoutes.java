package dev.preptrack.ui.http;

import dev.preptrack.projections.CandidateStories;
import dev.preptrack.projections.StoryVersionView;
import dev.preptrack.projections.StoryView;
import dev.preptrack.tracker.app.InvalidRequestException;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Story reads from the story projection, honouring {@code after=<position>}: a read that
 * passes the position a write returned sees that write, or gets a 503 saying the position was
 * not reached in time.
 */
final class StoryRoutes {

    private final Backends backends;
    private final Duration readDeadline;

    StoryRoutes(Backends backends, Duration readDeadline) {
        this.backends = backends;
        this.readDeadline = readDeadline;
    }

    void list(Context ctx) {
        CandidateStories bank = bank(ctx);
        List<Map<String, Object>> stories = bank == null ? List.of() : bank.getStories().values().stream()
                .sorted(Comparator.comparing(StoryView::getStoryId)).map(this::json).toList();
        ctx.json(Map.of("stories", stories, "position", String.valueOf(bank == null ? 0 : bank.getSequence())));
    }

    void one(Context ctx) {
        CandidateStories bank = bank(ctx);
        StoryView story = bank == null ? null : bank.getStories().get(ctx.pathParam("storyId"));
        if (story == null) {
            Problem.send(ctx, 404, "Not Found", "no story '" + ctx.pathParam("storyId") + "'");
            return;
        }
        ctx.header("ETag", "\"" + story.getVersion() + "\"").json(json(story));
    }

    private CandidateStories bank(Context ctx) {
        String candidateId = WriteRoutes.candidateId(ctx);
        return backends.readSide().stories(candidateId, after(ctx), readDeadline).orElse(null);
    }

    /** The {@code after} query parameter as a position; 0 when absent. */
    static long after(Context ctx) {
        String after = ctx.queryParam("after");
        if (after == null || after.isBlank()) {
            return 0;
        }
        try {
            long position = Long.parseLong(after.trim());
            if (position >= 0) {
                return position;
            }
        } catch (NumberFormatException notANumber) {
            // Reported below.
        }
        throw InvalidRequestException.of("after", "must be a position returned by a write (is '" + after + "')");
    }

    private Map<String, Object> json(StoryView story) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("storyId", story.getStoryId());
        json.put("title", story.getTitle());
        json.put("rubric", story.getRubric());
        json.put("tags", story.getTags());
        json.put("version", story.getVersion());
        json.put("retired", story.getRetired());
        json.put("sections", inRubricOrder(story));
        json.put("versions", story.getVersions().stream().map(StoryRoutes::json).toList());
        return json;
    }

    /** Sections in the order they are spoken (the rubric's), any the rules no longer know last. */
    private Map<String, String> inRubricOrder(StoryView story) {
        Map<String, String> ordered = new LinkedHashMap<>();
        backends.readSide().rules().rubric(story.getRubric()).ifPresent(rubric -> rubric.sectionIds().forEach(id -> {
            if (story.getSections().containsKey(id)) {
                ordered.put(id, story.getSections().get(id));
            }
        }));
        new TreeMap<>(story.getSections()).forEach(ordered::putIfAbsent);
        return ordered;
    }

    private static Map<String, Object> json(StoryVersionView version) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", version.getVersion());
        json.put("occurredAt", version.getOccurredAt().toString());
        json.put("changedSections", version.getChangedSections());
        json.put("feedbackAddressed", version.getFeedbackAddressed());
        json.put("note", version.getNote());
        json.put("attempts", version.getAttempts().stream().map(attempt -> {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("attemptId", attempt.getAttemptId());
            a.put("occurredAt", attempt.getOccurredAt().toString());
            a.put("mode", attempt.getMode());
            a.put("selfScore", attempt.getSelfScore());
            a.put("feedbackScores", attempt.getFeedbackScores().stream().map(score -> Map.of("feedbackId",
                    score.getFeedbackId(), "role", score.getRole(), "score", score.getScore())).toList());
            return a;
        }).toList());
        return json;
    }
}
