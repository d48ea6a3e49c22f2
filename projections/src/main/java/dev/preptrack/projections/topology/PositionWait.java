package dev.preptrack.projections.topology;

import dev.preptrack.projections.query.PositionNotReachedException;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Waits until a read model has folded a candidate's position (their event sequence, as a write
 * returned it), polling with a back-off of up to 20 ms, and gives up at a deadline with
 * {@link PositionNotReachedException} rather than answer with data older than the caller's write.
 */
final class PositionWait {

    private static final long LONGEST_PAUSE_MS = 20;

    private PositionWait() {
    }

    /**
     * @param current the value as it stands (null when there is none yet)
     * @param sequenceOf the position a value has folded
     */
    static <V> V until(long after, Duration deadline, Supplier<V> current, ToLongFunction<V> sequenceOf) {
        long until = System.nanoTime() + deadline.toNanos();
        long pause = 1;
        while (true) {
            V value = current.get();
            long folded = value == null ? 0 : sequenceOf.applyAsLong(value);
            if (folded >= after) {
                return value;
            }
            if (System.nanoTime() > until) {
                throw new PositionNotReachedException(after, folded, deadline);
            }
            sleep(pause);
            pause = Math.min(pause * 2, LONGEST_PAUSE_MS);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a position", e);
        }
    }
}
