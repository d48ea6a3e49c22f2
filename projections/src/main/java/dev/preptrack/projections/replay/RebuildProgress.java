package dev.preptrack.projections.replay;

import dev.preptrack.projections.topology.CatchUp;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * How far a rebuild has come: events folded out of those up to its targets (from its consumer
 * group's committed offsets, through {@link CatchUp}), the rate over the last few samples, and the
 * time left at that rate. Never "done" before the committed offsets reach every target and the
 * set's stores are restored: a rebuild that has processed but not yet committed its last records
 * is not caught up, nor is a set whose offsets a log fold committed while it still restores the
 * stores that fold wrote. Until then the reading stays one event short of the total.
 */
public final class RebuildProgress implements AutoCloseable {

    /** The rate is measured over this long, so a pause in the log or a GC does not make it jump. */
    private static final Duration WINDOW = Duration.ofSeconds(10);

    /** One reading of the rebuild. {@code ratePerSecond} and {@code eta} are null until there are two samples. */
    public record Reading(long processed, long total, Double ratePerSecond, Duration eta, boolean caughtUp) {
    }

    private record Sample(long nanos, long processed) {
    }

    private final CatchUp catchUp;
    private final LongSupplier foldedElsewhere;
    private final BooleanSupplier restored;
    private final LongSupplier nanoTime;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private volatile Reading last;
    private boolean closed;

    public RebuildProgress(CatchUp catchUp) {
        this(catchUp, () -> 0, () -> true);
    }

    /**
     * @param foldedElsewhere events folded so far by a {@link LogRebuild}, which commits a partition
     *     only once it is whole: the bar moves while it folds, and is still only done once committed
     * @param restored whether the set runs with its stores restored (asked only once the offsets
     *     have reached the targets)
     */
    public RebuildProgress(CatchUp catchUp, LongSupplier foldedElsewhere, BooleanSupplier restored) {
        this(catchUp, foldedElsewhere, restored, System::nanoTime);
    }

    RebuildProgress(CatchUp catchUp, LongSupplier foldedElsewhere, BooleanSupplier restored, LongSupplier nanoTime) {
        this.catchUp = catchUp;
        this.foldedElsewhere = foldedElsewhere;
        this.restored = restored;
        this.nanoTime = nanoTime;
        this.last = new Reading(0, catchUp.total(), null, null, false);
    }

    /** Reads the committed offsets now (an admin request) and returns the reading. */
    public synchronized Reading sample() {
        if (closed) {
            return last;
        }
        long behind = catchUp.behind();
        long total = catchUp.total();
        if (behind == Long.MAX_VALUE) {
            // The coordinator did not answer this time: keep the last reading rather than report zero.
            return last;
        }
        boolean caughtUp = behind == 0 && restored.getAsBoolean();
        long processed = caughtUp ? total : Math.min(Math.max(total - behind, foldedElsewhere.getAsLong()), total - 1);
        long now = nanoTime.getAsLong();
        samples.addLast(new Sample(now, processed));
        while (samples.size() > 2 && now - samples.peekFirst().nanos() > WINDOW.toNanos()) {
            samples.removeFirst();
        }
        Double rate = null;
        Duration eta = null;
        Sample first = samples.peekFirst();
        if (samples.size() >= 2 && now > first.nanos()) {
            rate = (processed - first.processed()) * 1e9 / (now - first.nanos());
            long left = total - processed;
            eta = left == 0 ? Duration.ZERO : rate > 0 ? Duration.ofMillis((long) (left / rate * 1000)) : null;
        }
        last = new Reading(processed, total, rate, eta, caughtUp);
        return last;
    }

    /** The latest reading, without asking the broker. */
    public Reading last() {
        return last;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            catchUp.close();
        }
    }
}
