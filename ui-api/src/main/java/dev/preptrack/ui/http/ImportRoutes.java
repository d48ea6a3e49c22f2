package dev.preptrack.ui.http;

import dev.preptrack.ui.imports.NotesImport;
import io.javalin.http.Context;
import java.util.Set;

/**
 * {@code POST …/imports}: a file of prep notes in Markdown becomes stories and feedback
 * ({@link NotesImport}); {@code ?dryRun=true} reads and plans without writing, {@code ?name=} is the
 * file's name (the title of a story whose notes give none). Importing the same file again appends
 * nothing. An export (NDJSON) cannot be restored this way yet: 415 says so.
 */
final class ImportRoutes {

    /** A year of notes is tens of kilobytes; a megabyte leaves room without inviting abuse. */
    static final int MAX_BODY_BYTES = 1 << 20;
    private static final Set<String> MARKDOWN = Set.of("text/markdown", "text/x-markdown", "text/plain");

    private final Backends backends;
    private volatile NotesImport notes;

    ImportRoutes(Backends backends) {
        this.backends = backends;
    }

    void importNotes(Context ctx) {
        String candidateId = WriteRoutes.candidateId(ctx);
        String contentType = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(java.util.Locale.ROOT);
        if (contentType.startsWith("application/x-ndjson")) {
            throw new RequestBodies.UnsupportedMediaTypeException(ctx.contentType(),
                    "text/markdown (restoring an export is not available yet)");
        }
        String markdown = RequestBodies.text(ctx, MAX_BODY_BYTES, MARKDOWN);
        boolean dryRun = "true".equalsIgnoreCase(ctx.queryParam("dryRun"));
        NotesImport.Report report = reader().run(candidateId, markdown, ctx.queryParam("name"), dryRun,
                backends.writes(), backends.reads());
        ctx.status(report.storiesCreated() + report.feedbackCreated() > 0 ? 201 : 200).json(report);
    }

    /** Made on first use: the rules it reads headings by are known once preptrack is ready. */
    private NotesImport reader() {
        NotesImport current = notes;
        if (current == null) {
            current = new NotesImport(backends.reads().rules());
            notes = current;
        }
        return current;
    }
}
