package dev.preptrack.ui.http;

import dev.preptrack.events.Envelope;
import dev.preptrack.schemas.codec.ExportFormat;
import io.javalin.http.Context;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /events}: a candidate's full history as newline-delimited JSON, one event per line
 * in the export's plain form ({@link ExportFormat}: ISO-8601 instants, lower-case enums, no
 * union wrappers; described by {@code docs/export.schema.json}). Your data is yours: people can
 * read it, any tool can parse it, and {@code POST …/imports} restores it exactly. The export reads
 * the log itself (the {@code EventLog} port), not a projection, and streams it line by line.
 */
final class EventRoutes {

    static final String NDJSON = "application/x-ndjson";

    private final Backends backends;

    EventRoutes(Backends backends) {
        this.backends = backends;
    }

    void events(Context ctx) {
        String candidateId = WriteRoutes.candidateId(ctx);
        ctx.contentType(NDJSON + "; charset=utf-8");
        try {
            Writer out = new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8), 1 << 16);
            for (Envelope event : backends.reads().events().of(candidateId)) {
                out.write(ExportFormat.line(event));
                out.write('\n');
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the history of " + candidateId, e);
        }
    }
}
