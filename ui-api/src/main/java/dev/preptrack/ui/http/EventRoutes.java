package dev.preptrack.ui.http;

import dev.preptrack.events.Envelope;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * {@code GET /events}: a candidate's full history as newline-delimited JSON, one event per
 * line in Avro's JSON encoding of the envelope (unions wrapped by type name), so an export
 * reads back into the same records with any Avro library. Your data is yours. The export reads
 * the log itself (the {@code EventLog} port), not a projection.
 */
final class EventRoutes {

    static final String NDJSON = "application/x-ndjson";

    private final Backends backends;

    EventRoutes(Backends backends) {
        this.backends = backends;
    }

    void events(Context ctx) {
        String candidateId = WriteRoutes.candidateId(ctx);
        var writer = new SpecificDatumWriter<>(Envelope.class);
        ctx.contentType(NDJSON);
        OutputStream out = ctx.outputStream();
        try {
            for (Envelope event : backends.reads().events().of(candidateId)) {
                var line = new ByteArrayOutputStream(512);
                JsonEncoder encoder = EncoderFactory.get().jsonEncoder(Envelope.getClassSchema(), line);
                writer.write(event, encoder);
                encoder.flush();
                out.write(line.toByteArray());
                out.write('\n');
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the history of " + candidateId, e);
        }
    }
}
