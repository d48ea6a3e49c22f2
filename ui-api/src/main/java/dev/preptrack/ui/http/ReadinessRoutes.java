package dev.preptrack.ui.http;

import io.javalin.http.Context;

/**
 * {@code GET /readiness}: readiness per rubric and section, now or as of a date, under the
 * active rules, honouring {@code after=<position>}; {@code GET /readiness/history}: one rubric's
 * or section's score over a range of dates. What {@code asOf} and {@code rubric} mean is
 * the use case's ({@code ReadinessQuery}); this only reads the parameters and renders the result.
 */
final class ReadinessRoutes {

    private final Backends backends;
    private final RenderedAnswers rendered = new RenderedAnswers();

    ReadinessRoutes(Backends backends) {
        this.backends = backends;
    }

    void readiness(Context ctx) {
        rendered.send(ctx, backends.reads().readiness().readiness(WriteRoutes.candidateId(ctx), ctx.queryParam("rubric"),
                ctx.queryParam("asOf"), StoryRoutes.after(ctx)));
    }

    void history(Context ctx) {
        rendered.send(ctx, backends.reads().readiness().history(WriteRoutes.candidateId(ctx), ctx.queryParam("rubric"),
                ctx.queryParam("section"), ctx.queryParam("from"), ctx.queryParam("to"), ctx.queryParam("step"),
                StoryRoutes.after(ctx)));
    }
}
