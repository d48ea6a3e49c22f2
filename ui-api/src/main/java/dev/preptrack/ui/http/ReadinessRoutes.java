package dev.preptrack.ui.http;

import io.javalin.http.Context;

/**
 * {@code GET /readiness}: readiness per rubric and section, now or as of a date, under the
 * active rules, honouring {@code after=<position>}. What {@code asOf} and {@code rubric} mean is
 * the use case's ({@code ReadinessQuery}); this only reads the parameters and renders the result.
 */
final class ReadinessRoutes {

    private final Backends backends;

    ReadinessRoutes(Backends backends) {
        this.backends = backends;
    }

    void readiness(Context ctx) {
        ctx.json(backends.reads().readiness().readiness(WriteRoutes.candidateId(ctx), ctx.queryParam("rubric"),
                ctx.queryParam("asOf"), StoryRoutes.after(ctx)));
    }
}
