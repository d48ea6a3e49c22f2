package dev.preptrack.projections.readiness;

import java.time.Duration;
import java.time.Instant;

/**
 * A sum of contributions that halve in weight every {@code halfLifeDays} of event time, kept
 * relative to its latest contribution. Adding contributions commutes (up to rounding), so the
 * sum does not depend on the order in which backdated events arrive, and it is read at any
 * instant without knowing "now" when it was built.
 *
 * @param mass the decayed sum as of {@code reference}
 * @param reference the time of the latest contribution (null when empty)
 */
public record DecayedSum(double mass, Instant reference) {

    public static final DecayedSum EMPTY = new DecayedSum(0, null);

    public DecayedSum plus(Instant at, double amount, double halfLifeDays) {
        if (reference == null) {
            return new DecayedSum(amount, at);
        }
        if (!at.isBefore(reference)) {
            return new DecayedSum(mass * decay(reference, at, halfLifeDays) + amount, at);
        }
        return new DecayedSum(mass + amount * decay(at, reference, halfLifeDays), reference);
    }

    /** The sum as seen at {@code asOf} (contributions after it are the caller's to exclude). */
    public double at(Instant asOf, double halfLifeDays) {
        if (reference == null) {
            return 0;
        }
        return asOf.isAfter(reference) ? mass * decay(reference, asOf, halfLifeDays) : mass;
    }

    static double days(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 86_400_000.0;
    }

    private static double decay(Instant from, Instant to, double halfLifeDays) {
        return Math.pow(0.5, days(from, to) / halfLifeDays);
    }
}
