package dev.preptrack.ui.wiring;

import dev.preptrack.tracker.app.InsufficientStorageException;
import dev.preptrack.tracker.app.StorageGuard;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a reserve free on the disk of {@code PREPTRACK_HOME}, where the embedded broker's log
 * and the state stores live: under it, writes are refused (507) before anything is sent.
 * Waiting for the disk to be really full is not an option: the embedded broker answers the
 * first failed append by taking its only log directory offline, which halts the process.
 *
 * <p>The usable space is asked of the file store at most once per {@link #RECHECK_NANOS}, so
 * the write path pays a volatile read, not a system call, per request.
 */
public final class DiskReserve implements StorageGuard {

    /**
     * The default reserve. A write's own footprint is small (a body is at most 256 KiB; its
     * command, event, result, changelog and output records a few times that), but what else may
     * claim space at any moment is not: RocksDB preallocates 4 MiB per store when it rolls a
     * MANIFEST and a compaction briefly needs room for its output, and the check is a second
     * old. 64 MiB covers those with margin and is little on any disk preptrack should run on.
     */
    public static final long DEFAULT_RESERVE_BYTES = 64L * 1024 * 1024;
    static final long RECHECK_NANOS = 1_000_000_000L;
    private static final Logger log = LoggerFactory.getLogger(DiskReserve.class);

    private final Path home;
    private final long reserveBytes;
    private final LongSupplier usable;
    private final LongSupplier nanoTime;
    private volatile long lastUsable = Long.MAX_VALUE;
    private volatile long checkedAt;
    private volatile boolean checked;

    DiskReserve(Path home, long reserveBytes, LongSupplier usable, LongSupplier nanoTime) {
        this.home = home;
        this.reserveBytes = reserveBytes;
        this.usable = usable;
        this.nanoTime = nanoTime;
    }

    /** The reserve on {@code home}'s disk; 0 turns the guard off. */
    public static DiskReserve on(Path home, long reserveBytes) {
        FileStore store;
        try {
            Files.createDirectories(home);
            store = Files.getFileStore(home);
        } catch (IOException e) {
            throw new IllegalStateException("cannot find the disk of PREPTRACK_HOME=" + home + ": " + e.getMessage(), e);
        }
        return new DiskReserve(home, reserveBytes, () -> usableSpace(store, home), System::nanoTime);
    }

    private static long usableSpace(FileStore store, Path home) {
        try {
            return store.getUsableSpace();
        } catch (IOException e) {
            // Not knowing is no reason to refuse writes: the broker's own errors still stand behind.
            log.warn("cannot read the free space of {}: {}", home, e.toString());
            return Long.MAX_VALUE;
        }
    }

    @Override
    public void ensureRoom() {
        long free = usableBytes();
        if (free < reserveBytes) {
            throw new InsufficientStorageException("only " + mebibytes(free) + " are free on the disk of " + home
                    + ", under the " + mebibytes(reserveBytes) + " preptrack keeps free so that nothing is ever half "
                    + "written; nothing was written. Free space on that disk (or move PREPTRACK_HOME) and send the "
                    + "request again with the same Idempotency-Key", free, reserveBytes);
        }
    }

    /** Whether writes are being refused now. */
    public boolean low() {
        return usableBytes() < reserveBytes;
    }

    /** What {@code /health} says of the disk: null while there is room. */
    public String describe() {
        long free = usableBytes();
        return free >= reserveBytes ? null : "low disk: " + mebibytes(free) + " free on the disk of " + home
                + ", under the reserve of " + mebibytes(reserveBytes) + "; writes are refused (507) until space is freed";
    }

    /** The usable space, at most a second old. */
    long usableBytes() {
        if (reserveBytes == 0) {
            return Long.MAX_VALUE;
        }
        long now = nanoTime.getAsLong();
        if (!checked || now - checkedAt >= RECHECK_NANOS) {
            lastUsable = usable.getAsLong();
            checkedAt = now;
            checked = true;
        }
        return lastUsable;
    }

    static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
