package dev.preptrack.ui.http;

import io.javalin.http.Context;

/**
 * {@code GET /feedback}: every feedback item with its themes, status and history; {@code GET
 * /themes}: the candidate's recurring feedback themes and emerging clusters, now. Both render
 * what {@code FeedbackQuery} answers, honouring {@code after=<position>}.
 */
final class FeedbackRoutes {

    private final Backends backends;
    private final RenderedAnswers rendered = new RenderedAnswers();

    FeedbackRoutes(Backends backends) {
        this.backends = backends;
    }

    void themes(Context ctx) {
        rendered.send(ctx, backends.reads().feedback().themes(WriteRoutes.candidateId(ctx), StoryRoutes.after(ctx)));
    }

    void list(Context ctx) {
        rendered.send(ctx, backends.reads().feedback().feedback(WriteRoutes.candidateId(ctx), StoryRoutes.after(ctx)));
    }
}
