package dev.preptrack.domain.event;

import java.util.Objects;

/** The candidate let someone (a coach, a peer) read and write their feedback. */
public record AccessGranted(String granteeId, Actor.Role granteeRole) implements Payload {

    public AccessGranted {
        Objects.requireNonNull(granteeId, "granteeId");
        Objects.requireNonNull(granteeRole, "granteeRole");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.accessGranted(this);
    }
}
