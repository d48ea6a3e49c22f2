package dev.preptrack.tracker.app;

/** A command could not be confirmed: the write is not known to be durable, and the client should retry later. */
public final class WriteUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WriteUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
