package dev.preptrack.tracker.app;

import dev.preptrack.domain.event.Actor;
import dev.preptrack.domain.event.Event;
import dev.preptrack.tracker.domain.CandidateCommand.RestoreEvents;
import dev.preptrack.tracker.domain.Command;
import dev.preptrack.tracker.domain.CommandFingerprint;
import dev.preptrack.tracker.domain.CommandResult;
import dev.preptrack.tracker.domain.Rejection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Restores exported events into a candidate's history: many events per command
 * ({@link RestoreEvents}, decided whole by the single writer), and several commands in flight at
 * once, so a restore runs at the log's pace rather than one round trip per event. Commands for
 * one candidate travel one partition in order, so a batch in flight never overtakes the one
 * before it; if one is refused, the ones behind it are refused too (they no longer follow on) and
 * the first refusal is the answer.
 *
 * <p>Each batch's idempotency key is derived from its content, so restoring the same file again,
 * or retrying after a lost answer, is answered from the first result and appends nothing.
 */
public final class HistoryRestore {

    /** Kafka's default record limit is 1 MiB; a batch of this much JSON is well under it in Avro. */
    public static final int BATCH_BYTES = 512 * 1024;
    public static final int BATCH_EVENTS = 1_000;
    /** Enough to keep the writer busy while the next batch is read and sent. */
    static final int IN_FLIGHT = 4;

    private final CommandBus bus;
    private final Clock clock;
    private final Duration resultTimeout;
    private final StorageGuard storage;

    HistoryRestore(CommandBus bus, Clock clock, Duration resultTimeout, StorageGuard storage) {
        this.bus = bus;
        this.clock = clock;
        this.resultTimeout = resultTimeout;
        this.storage = storage;
    }

    /**
     * An event of the file, already the restoring candidate's.
     *
     * @param line where the file has it (1 for the first line), for the report
     * @param bytes how much of the file it took, to size batches
     */
    public record Exported(Event event, long line, int bytes) {
    }

    /**
     * What a restore did: how many events the file held, how many were appended, how many were
     * already there, and the candidate's position after it (a read passing it sees the history).
     * When a batch was refused, {@code refusal} says why and {@code refusedLine} where.
     */
    public record Report(long events, long appended, long alreadyThere, long position, Rejection refusal,
            long refusedLine) {
    }

    Report run(String candidateId, Actor actor, Iterator<Exported> events) {
        Deque<InFlight> inFlight = new ArrayDeque<>();
        var tally = new Tally();
        List<Exported> batch = new ArrayList<>();
        int batchBytes = 0;
        while (events.hasNext() && tally.refusal == null) {
            Exported next = events.next();
            if (!batch.isEmpty() && (batch.size() >= BATCH_EVENTS || batchBytes + next.bytes() > BATCH_BYTES)) {
                inFlight.add(send(candidateId, actor, batch));
                batch = new ArrayList<>();
                batchBytes = 0;
                while (inFlight.size() >= IN_FLIGHT) {
                    tally.add(await(inFlight.poll()));
                }
            }
            batch.add(next);
            batchBytes += next.bytes();
        }
        if (!batch.isEmpty() && tally.refusal == null) {
            inFlight.add(send(candidateId, actor, batch));
        }
        while (!inFlight.isEmpty()) {
            tally.add(await(inFlight.poll()));
        }
        return new Report(tally.events, tally.appended, tally.events - tally.appended, tally.position, tally.refusal,
                tally.refusedLine);
    }

    private record InFlight(Command command, List<Exported> batch, CompletableFuture<CommandResult> answer) {
    }

    private record Answered(InFlight sent, CommandResult result) {
    }

    private final class Tally {
        long events;
        long appended;
        long position;
        Rejection refusal;
        long refusedLine;

        void add(Answered answered) {
            if (refusal != null) {
                return;
            }
            if (answered.result() instanceof CommandResult.Accepted accepted) {
                events += answered.sent().batch().size();
                // A retried batch answers its first result, which says what that first time appended.
                appended += accepted.replayed() ? 0 : accepted.eventIds().size();
                position = Math.max(position, accepted.position());
            } else {
                refusal = ((CommandResult.Rejected) answered.result()).rejection();
                refusedLine = lineOf(answered.sent().batch(), refusal);
            }
        }
    }

    /** The line a refusal is about: the event its message names, else the batch's first. */
    private static long lineOf(List<Exported> batch, Rejection refusal) {
        for (Exported exported : batch) {
            if (refusal.message().contains("event " + exported.event().sequence() + " ")
                    || refusal.message().contains(exported.event().eventId())) {
                return exported.line();
            }
        }
        return batch.get(0).line();
    }

    private InFlight send(String candidateId, Actor actor, List<Exported> batch) {
        storage.ensureRoom();
        var intent = new RestoreEvents(batch.stream().map(Exported::event).toList());
        String fingerprint = CommandFingerprint.of(candidateId, intent, null);
        Instant now = clock.instant();
        var command = new Command("restore-" + fingerprint.substring(0, 40), candidateId, fingerprint, actor, now, now,
                intent);
        return new InFlight(command, batch, bus.submit(command));
    }

    private Answered await(InFlight sent) {
        return new Answered(sent, WriteCommands.await(bus, sent.command(), sent.answer(), resultTimeout,
                "a batch of the restore was not confirmed within " + resultTimeout.toMillis()
                        + " ms; restore the same file again to go on where it stopped"));
    }
}
