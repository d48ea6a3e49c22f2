package dev.preptrack.tracker.app;

import dev.preptrack.domain.event.Actor;
import java.util.Objects;

/**
 * Who asks, for which candidate, under which idempotency key (the command id): what every way
 * in (HTTP, CLI, import) knows about a command besides the command itself.
 */
public record Origin(String candidateId, Actor actor, String idempotencyKey) {

    public Origin {
        Objects.requireNonNull(candidateId, "candidateId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    }
}
