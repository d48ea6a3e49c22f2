package dev.preptrack.ui.http;

import dev.preptrack.projections.query.StoryDetail;
import dev.preptrack.tracker.app.InvalidRequestException;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Story reads, rendering what {@code StoryQuery} answers and honouring {@code after=<position>}:
 * a read that passes the position a write returned sees that write, or gets a 503 saying the
 * position was not reached in time.
 */
final class StoryRoutes {

    private final Backends backends;

    StoryRoutes(Backends backends) {
        this.backends = backends;
    }

    void list(Context ctx) {
        ctx.json(backends.reads().stories().stories(WriteRoutes.candidateId(ctx), after(ctx)));
    }

    void one(Context ctx) {
        String storyId = ctx.pathParam("storyId");
        Optional<StoryDetail> story = backends.reads().stories().story(WriteRoutes.candidateId(ctx), storyId, after(ctx));
        if (story.isEmpty()) {
            Problem.send(ctx, 404, "Not Found", "no story '" + storyId + "'");
            return;
        }
        ctx.header("ETag", "\"" + story.get().version() + "\"").json(story.get());
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
}
