package dev.preptrack.projections.query;

import java.time.Duration;

/** A read asked for a position the projection has not reached within the deadline; retry shortly. */
public final class PositionNotReachedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PositionNotReachedException(long wanted, long reached, Duration deadline) {
        super("the projection has applied position " + reached + " of this candidate, not yet " + wanted
                + ", after waiting " + deadline.toMillis() + " ms; retry shortly");
    }
}
