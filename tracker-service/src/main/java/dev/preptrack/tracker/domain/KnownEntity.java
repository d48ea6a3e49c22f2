package dev.preptrack.tracker.domain;

import java.time.Instant;

/**
 * An attempt or feedback id the writer accepted, so later commands can refer to it.
 *
 * @param occurredAt when it happened; null for entries kept before times were
 */
public record KnownEntity(Kind kind, String id, long sequence, Instant occurredAt) {

    /** What the id names. */
    public enum Kind {
        ATTEMPT, FEEDBACK
    }
}
