package dev.preptrack.domain.event;

import java.util.Objects;

/** Who caused an event, and in which role; access decisions are made on the role. */
public record Actor(String id, Role role) {

    public Actor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
    }

    /** The roles a person acts in. */
    public enum Role {
        CANDIDATE, COACH, PEER, ADMIN, SYSTEM
    }
}
