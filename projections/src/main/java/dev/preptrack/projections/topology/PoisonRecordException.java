package dev.preptrack.projections.topology;

/**
 * A record that was read but cannot be an event (the decoding step refused it): thrown so that
 * {@link DeadLetters.OnProcessing} dead-letters it and the stream goes on, where any other
 * exception in a processor stops the thread.
 */
public class PoisonRecordException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PoisonRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
