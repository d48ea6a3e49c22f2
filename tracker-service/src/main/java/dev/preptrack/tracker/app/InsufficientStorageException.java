package dev.preptrack.tracker.app;

/**
 * A write was refused before anything was sent because storage is running out: nothing of it
 * was written, and the same request succeeds once space is freed.
 */
public final class InsufficientStorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long usableBytes;
    private final long reserveBytes;

    public InsufficientStorageException(String message, long usableBytes, long reserveBytes) {
        super(message);
        this.usableBytes = usableBytes;
        this.reserveBytes = reserveBytes;
    }

    /** What is still free where the data lives. */
    public long usableBytes() {
        return usableBytes;
    }

    /** What is kept free for the writes already under way and the storage's own housekeeping. */
    public long reserveBytes() {
        return reserveBytes;
    }
}
