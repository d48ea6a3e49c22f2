package dev.preptrack.domain.event;

import java.util.Objects;

/** The candidate withdrew someone's access. */
public record AccessRevoked(String granteeId) implements Payload {

    public AccessRevoked {
        Objects.requireNonNull(granteeId, "granteeId");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.accessRevoked(this);
    }
}
