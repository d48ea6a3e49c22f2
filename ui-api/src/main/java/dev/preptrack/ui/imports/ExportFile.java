package dev.preptrack.ui.imports;

import dev.preptrack.domain.event.Event;
import dev.preptrack.events.Envelope;
import dev.preptrack.schemas.codec.EventCodec;
import dev.preptrack.schemas.codec.ExportFormat;
import dev.preptrack.tracker.app.FieldError;
import dev.preptrack.tracker.app.HistoryRestore.Exported;
import dev.preptrack.tracker.app.InvalidRequestException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * An export (NDJSON, {@link ExportFormat}) on its way back in. The whole file is read and checked
 * before anything is appended — every line an event, one candidate's, numbered one after another
 * — so a file with a bad line on its last row is refused whole, naming the line and field, and
 * appends nothing. While it is checked it is kept in a private temporary file, so memory stays
 * flat however long the history; {@link #events()} then reads it again for the restore.
 */
public final class ExportFile implements AutoCloseable {

    /** A hundred thousand events are some 50 MB (docs/benchmarks.md); a gigabyte is a lifetime of preparation. */
    public static final long MAX_BYTES = 1L << 30;
    private static final int MAX_PROBLEMS = 20;

    private final Path spool;
    private final String candidateId;
    private final long events;
    private final long firstSequence;
    private final Map<String, Long> types;
    private BufferedReader reading;

    private ExportFile(Path spool, String candidateId, long events, long firstSequence, Map<String, Long> types) {
        this.spool = spool;
        this.candidateId = candidateId;
        this.events = events;
        this.firstSequence = firstSequence;
        this.types = types;
    }

    /**
     * Reads and checks the file for {@code candidateId}, whose history it restores (the events
     * may have been exported under another id: they become this candidate's).
     *
     * @throws InvalidRequestException naming up to twenty lines at fault, or an empty file
     * @throws TooLargeException past {@link #MAX_BYTES}
     */
    public static ExportFile read(InputStream body, String candidateId) {
        Path spool = null;
        try {
            spool = Files.createTempFile("preptrack-restore-", ".ndjson",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (OutputStream out = Files.newOutputStream(spool)) {
                long copied = body.transferTo(new LimitedOutput(out, MAX_BYTES));
                if (copied == 0) {
                    throw InvalidRequestException.of("body", "is empty; send the lines of an export");
                }
            }
            var check = new Check();
            try (BufferedReader lines = reader(spool)) {
                String line;
                long number = 0;
                while ((line = lines.readLine()) != null) {
                    number++;
                    if (!line.isBlank()) {
                        check.line(number, line);
                    }
                }
            } catch (CharacterCodingException e) {
                throw InvalidRequestException.of("body", "is not UTF-8 text");
            }
            if (!check.problems.isEmpty()) {
                throw new InvalidRequestException(check.problems);
            }
            if (check.events == 0) {
                throw InvalidRequestException.of("body", "holds no events");
            }
            ExportFile file = new ExportFile(spool, candidateId, check.events, check.firstSequence, check.types);
            spool = null;
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the file while it is checked", e);
        } finally {
            if (spool != null) {
                delete(spool);
            }
        }
    }

    /** What the file holds, for a dry run's answer. */
    public long eventCount() {
        return events;
    }

    public long firstSequence() {
        return firstSequence;
    }

    public long lastSequence() {
        return firstSequence + events - 1;
    }

    /** How many events of each payload type, by type name. */
    public Map<String, Long> types() {
        return types;
    }

    /** The file's events again, in order, as the restoring candidate's. Read once; {@link #close()} ends it. */
    public Iterator<Exported> events() {
        BufferedReader lines;
        try {
            lines = reader(spool);
            reading = lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Iterator<>() {
            private long number;
            private Exported next = advance();

            private Exported advance() {
                try {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        number++;
                        if (!line.isBlank()) {
                            Event event = EventCodec.decode(ExportFormat.parse(line));
                            return new Exported(new Event(event.eventId(), candidateId, event.sequence(),
                                    event.occurredAt(), event.recordedAt(), event.actor(), event.commandId(),
                                    event.payload()), number, line.getBytes(StandardCharsets.UTF_8).length);
                        }
                    }
                    lines.close();
                    return null;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Exported next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Exported current = next;
                next = advance();
                return current;
            }
        };
    }

    /** Closes the reading (a restore refused part way stops before the end) and deletes the file. */
    @Override
    public void close() {
        if (reading != null) {
            try {
                reading.close();
            } catch (IOException ignored) {
                // Deleted next either way.
            }
        }
        delete(spool);
    }

    /** The checks a line must pass, gathered over the file. */
    private static final class Check {
        final List<FieldError> problems = new ArrayList<>();
        final Map<String, Long> types = new TreeMap<>();
        long events;
        long firstSequence;
        long expected;
        String fileCandidate;

        void line(long number, String line) {
            Envelope event;
            try {
                event = ExportFormat.parse(line);
            } catch (ExportFormat.MalformedEventException e) {
                problem(number, e.field(), e.getMessage().substring(e.field().isEmpty() ? 0 : e.field().length() + 2));
                return;
            }
            if (events == 0) {
                firstSequence = event.getSequence();
                expected = firstSequence;
                fileCandidate = event.getCandidateId();
            }
            if (!event.getCandidateId().equals(fileCandidate)) {
                problem(number, "candidateId", "is " + event.getCandidateId() + " where the file began with "
                        + fileCandidate + ": an export holds one candidate's history");
            }
            if (event.getSequence() != expected) {
                problem(number, "sequence", "is " + event.getSequence() + " where " + expected
                        + " follows: an export's events are numbered one after another, in order");
            }
            expected = event.getSequence() + 1;
            events++;
            types.merge(((org.apache.avro.generic.GenericContainer) event.getPayload()).getSchema().getName(), 1L,
                    Long::sum);
        }

        private void problem(long number, String field, String message) {
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(new FieldError("line " + number + (field.isEmpty() ? "" : ": " + field), message));
            }
        }
    }

    private static BufferedReader reader(Path spool) throws IOException {
        // Strict UTF-8: a file in another encoding is refused, not restored with its text garbled.
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(spool), decoder), 1 << 16);
    }

    private static void delete(Path spool) {
        try {
            Files.deleteIfExists(spool);
        } catch (IOException ignored) {
            // A temporary file left behind is removed with the temporary directory.
        }
    }

    /** Past {@link #MAX_BYTES}: the file is larger than a restore takes. */
    public static final class TooLargeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public TooLargeException() {
            super("the file is larger than " + MAX_BYTES + " bytes");
        }
    }

    /** Copies until the limit, then refuses: a body is never kept past it. */
    private static final class LimitedOutput extends OutputStream {
        private final OutputStream out;
        private final long limit;
        private long written;

        LimitedOutput(OutputStream out, long limit) {
            this.out = out;
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            written += length;
            if (written > limit) {
                throw new TooLargeException();
            }
            out.write(bytes, offset, length);
        }
    }
}
