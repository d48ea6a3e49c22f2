package dev.preptrack.tracker.domain;

import dev.preptrack.domain.event.Actor;
import java.time.Instant;
import java.util.Objects;

/**
 * A command on its way to the candidate's single writer: the intent, who asked, when it
 * arrived and when the thing happened, under the command id that makes it idempotent.
 *
 * @param fingerprint what the intent asked for ({@link CommandFingerprint}); the same command id
 *     with another fingerprint is a different request
 * @param receivedAt when the server took the command (the events' recordedAt)
 * @param occurredAt when it happened: as the client said, or {@code receivedAt}
 */
public record Command(String commandId, String candidateId, String fingerprint, Actor actor, Instant receivedAt,
        Instant occurredAt, CandidateCommand intent) {

    public Command {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(candidateId, "candidateId");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(intent, "intent");
    }
}
