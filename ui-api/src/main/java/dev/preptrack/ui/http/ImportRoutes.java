package dev.preptrack.ui.http;

import dev.preptrack.domain.event.Actor;
import dev.preptrack.tracker.app.HistoryRestore;
import dev.preptrack.ui.imports.ExportFile;
import dev.preptrack.ui.imports.NotesImport;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST …/imports}: a file of prep notes in Markdown becomes stories and feedback
 * ({@link NotesImport}); {@code ?dryRun=true} reads and plans without writing, {@code ?name=} is the
 * file's name (the title of a story whose notes give none). An export ({@code application/x-ndjson},
 * as {@code GET …/events} writes it) restores the history it holds. Importing the same file again
 * appends nothing, either way.
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
        if (contentType.startsWith(EventRoutes.NDJSON)) {
            restore(ctx, candidateId);
            return;
        }
        String markdown = RequestBodies.text(ctx, MAX_BODY_BYTES, MARKDOWN);
        boolean dryRun = "true".equalsIgnoreCase(ctx.queryParam("dryRun"));
        NotesImport.Report report = reader().run(candidateId, markdown, ctx.queryParam("name"), dryRun,
                backends.writes(), backends.reads());
        ctx.status(report.storiesCreated() + report.feedbackCreated() > 0 ? 201 : 200).json(report);
    }

    /**
     * An export restored: checked whole first ({@link ExportFile}), then appended in batches where
     * it continues the candidate's history. A dry run says what the file holds.
     */
    private void restore(Context ctx, String candidateId) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > ExportFile.MAX_BYTES) {
            throw new ExportFile.TooLargeException();
        }
        boolean dryRun = "true".equalsIgnoreCase(ctx.queryParam("dryRun"));
        try (InputStream body = ctx.req().getInputStream(); ExportFile file = ExportFile.read(body, candidateId)) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("format", "ndjson");
            answer.put("dryRun", dryRun);
            answer.put("events", file.eventCount());
            answer.put("firstSequence", file.firstSequence());
            answer.put("lastSequence", file.lastSequence());
            answer.put("types", file.types());
            if (dryRun) {
                ctx.status(200).json(answer);
                return;
            }
            var origin = new Actor(candidateId, Actor.Role.CANDIDATE);
            HistoryRestore.Report report = backends.writes().restore(candidateId, origin, file.events());
            if (report.refusal() != null) {
                WriteRoutes.rejected(ctx, report.refusal(), Map.of("line", report.refusedLine(),
                        "appended", report.appended(), "position", String.valueOf(report.position())));
                return;
            }
            answer.put("appended", report.appended());
            answer.put("alreadyThere", report.alreadyThere());
            answer.put("position", String.valueOf(report.position()));
            ctx.status(report.appended() > 0 ? 201 : 200).json(answer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the export", e);
        }
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
