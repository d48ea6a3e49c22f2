package dev.preptrack.domain.event;

import java.time.Instant;
import java.util.Objects;

/**
 * One thing that happened in a candidate's history, as the domain reasons about it: who, when
 * (as it happened and as it was recorded), its place in the candidate's history, and what
 * happened. The Avro {@code Envelope} is its wire and storage form; {@code EventCodec} maps one
 * onto the other.
 *
 * @param sequence the event's position in its candidate's history, from 1
 * @param occurredAt when it happened, as the client said (imports may backdate it)
 * @param recordedAt when the server appended it
 * @param commandId the command that produced it
 */
public record Event(String eventId, String candidateId, long sequence, Instant occurredAt, Instant recordedAt,
        Actor actor, String commandId, Payload payload) {

    public Event {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(candidateId, "candidateId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(payload, "payload");
    }
}
