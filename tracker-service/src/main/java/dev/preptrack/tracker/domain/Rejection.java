package dev.preptrack.tracker.domain;

import java.util.Objects;

/**
 * Why a command was refused, for a person: the kind, the command field at fault (as the command
 * names it — {@code expectedVersion}, {@code commandId}, {@code sections[1].section}; adapters
 * name it as their callers know it), and what is wrong.
 *
 * @param currentVersion for {@link Kind#STALE_VERSION}: the story's current version; else null
 */
public record Rejection(Kind kind, String field, String message, Integer currentVersion) {

    public Rejection {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    static Rejection of(Kind kind, String field, String message) {
        return new Rejection(kind, field, message, null);
    }

    /** The kinds of refusal; each adapter maps them to its own answers (HTTP: a status). */
    public enum Kind {
        NOT_FOUND, STALE_VERSION, RETIRED, ALREADY_EXISTS, INVALID_REFERENCE, IDEMPOTENCY_KEY_REUSED
    }
}
