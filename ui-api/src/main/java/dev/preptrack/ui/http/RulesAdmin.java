package dev.preptrack.ui.http;

import dev.preptrack.projections.query.ReadQueries;
import java.time.Duration;
import dev.preptrack.rules.log.RulesCatalog;
import java.util.Optional;

/**
 * What the rules and replay routes ask of the process: the catalog of versions, publishing,
 * switching, retiring, a rebuild's progress, and the read use cases of any version whose
 * projections run here (for diffs). {@code ProjectionVersions} is the one implementation.
 */
public interface RulesAdmin {

    RulesCatalog catalog();

    /**
     * Validates {@code document} and appends it to the rules log as the next version; returns that
     * version. Throws {@code RulesLoader.InvalidRulesException} with every problem, appending nothing.
     * A second publication with the same {@code publishId} (a retry) is the first one's version.
     */
    int publish(String document, boolean dryRun, String publishId);

    /** Switches reads to a caught-up dry run (promote) or a kept version (roll back); refused otherwise. */
    void activate(int version);

    /** Gives a version up (cancels a rebuild, discards a dry run, retires a kept one); never the active one. */
    void retire(int version);

    /** A rebuild's latest reading, while its projections run here. */
    Optional<Progress> progress(int version);

    /**
     * How far a rebuild has come: offsets of the events topic folded out of those up to its targets,
     * the rate over the last seconds and the time left at it (null until measured).
     */
    record Progress(long processed, long total, Double ratePerSecond, Duration eta) {
    }

    /**
     * The rules log could not be written, or what was written was not read back in time: 503. A
     * retried publish with the same {@code Idempotency-Key} is the version the first try made, if any.
     */
    final class UnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The read use cases under {@code version}, if its projections run here. */
    Optional<ReadQueries> reads(int version);

    /** A request the catalog's state does not allow: 409, with what would allow it. */
    final class ConflictException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ConflictException(String message) {
            super(message);
        }
    }

    /** No such version or replay: 404. */
    final class UnknownVersionException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UnknownVersionException(String message) {
            super(message);
        }
    }
}
