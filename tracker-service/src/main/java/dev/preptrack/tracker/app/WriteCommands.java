package dev.preptrack.tracker.app;

import dev.preptrack.domain.event.Actor;
import dev.preptrack.tracker.domain.CandidateCommand;
import dev.preptrack.tracker.domain.CandidateCommand.CreateStory;
import dev.preptrack.tracker.domain.CandidateCommand.LogAttempt;
import dev.preptrack.tracker.domain.CandidateCommand.RecordFeedback;
import dev.preptrack.tracker.domain.Command;
import dev.preptrack.tracker.domain.CommandFingerprint;
import dev.preptrack.tracker.domain.CommandResult;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one use case every way in calls to change a candidate's history: check what no history
 * can make valid, name what the client left unnamed, fingerprint the typed command, hand it to
 * the single writer and wait for its committed result. A result is only ever returned for a
 * command the writer decided; anything else is a {@link WriteUnavailableException}, after which
 * a retry with the same idempotency key learns the outcome.
 */
public final class WriteCommands {

    private final CommandBus bus;
    private final Clock clock;
    private final Duration resultTimeout;
    private final StorageGuard storage;

    public WriteCommands(CommandBus bus, Clock clock, Duration resultTimeout) {
        this(bus, clock, resultTimeout, StorageGuard.NONE);
    }

    public WriteCommands(CommandBus bus, Clock clock, Duration resultTimeout, StorageGuard storage) {
        this.bus = bus;
        this.clock = clock;
        this.resultTimeout = resultTimeout;
        this.storage = storage;
    }

    /**
     * @param requestedOccurredAt when the client says it happened, or null for "now"
     * @throws InvalidRequestException naming every field at fault; nothing was sent
     * @throws InsufficientStorageException when storage is running out; nothing was sent
     * @throws WriteUnavailableException when the writer's answer could not be had in time
     */
    public CommandResult submit(Origin origin, CandidateCommand intent, Instant requestedOccurredAt) {
        Instant now = clock.instant();
        List<FieldError> problems = CommandChecks.problems(intent, requestedOccurredAt, now);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        // After the checks (a bad request is told what is wrong with it whatever the disk), before
        // anything is sent: a refused write leaves nothing behind, not even a command record.
        storage.ensureRoom();
        CandidateCommand named = withIdsNamed(intent, origin);
        var command = new Command(origin.idempotencyKey(), origin.candidateId(),
                CommandFingerprint.of(origin.candidateId(), named, requestedOccurredAt), origin.actor(), now,
                requestedOccurredAt == null ? now : requestedOccurredAt, named);
        return await(command);
    }

    /**
     * Appends exported events to the candidate's history where they continue it, many per
     * command ({@link HistoryRestore}). Events already there are skipped; the report says how many
     * of each, or which line was refused and why.
     *
     * @param actor who restores (each event keeps the actor that caused it)
     * @throws WriteUnavailableException when a batch's answer could not be had in time; restoring
     *     the same file again goes on where it stopped
     */
    public HistoryRestore.Report restore(String candidateId, Actor actor, Iterator<HistoryRestore.Exported> events) {
        return new HistoryRestore(bus, clock, resultTimeout, storage).run(candidateId, actor, events);
    }

    private CommandResult await(Command command) {
        return await(bus, command, bus.submit(command), resultTimeout,
                "the write was not confirmed within " + resultTimeout.toMillis()
                        + " ms; retry with the same Idempotency-Key to learn its outcome");
    }

    /**
     * The writer's committed answer to a command sent on {@code bus}, or a
     * {@link WriteUnavailableException}: after {@code timeout} (saying {@code late}, and no longer
     * waited for), or when the command could not be sent.
     */
    static CommandResult await(CommandBus bus, Command command, CompletableFuture<CommandResult> answer,
            Duration timeout, String late) {
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            bus.cancel(command.candidateId(), command.commandId());
            throw new WriteUnavailableException(late, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WriteUnavailableException unavailable) {
                throw unavailable;
            }
            throw new WriteUnavailableException("the write failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WriteUnavailableException("interrupted while waiting for the write", e);
        }
    }

    /** Ids a client left out derive from the idempotency key, so a retried request names the same entity. */
    private static CandidateCommand withIdsNamed(CandidateCommand intent, Origin origin) {
        if (intent instanceof CreateStory create && create.storyId() == null) {
            return create.withStoryId(generatedId("story", origin));
        }
        if (intent instanceof LogAttempt attempt && attempt.attemptId() == null) {
            return attempt.withAttemptId(generatedId("attempt", origin));
        }
        if (intent instanceof RecordFeedback feedback && feedback.feedbackId() == null) {
            return feedback.withFeedbackId(generatedId("feedback", origin));
        }
        return intent;
    }

    private static String generatedId(String kind, Origin origin) {
        return kind + "-" + UUID.nameUUIDFromBytes((origin.candidateId() + '\u0000' + kind + '\u0000'
                + origin.idempotencyKey()).getBytes(StandardCharsets.UTF_8)).toString().substring(0, 18);
    }
}
