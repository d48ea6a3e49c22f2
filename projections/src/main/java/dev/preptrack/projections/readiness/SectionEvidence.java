package dev.preptrack.projections.readiness;

import java.time.Instant;

/**
 * Everything the log says about one rubric section of one candidate, summarised so that
 * folding commutes: decayed sums anchored to event time, counts, and latest times.
 *
 * @param scoreMass decayed sum of weight × normalised score (0–1) of scores that count
 * @param weightMass decayed sum of the weights of those scores
 * @param firstScoredAt when the first score arrived (anchors the prior)
 * @param scores how many scores count
 * @param weightyScores how many of them came from coaches or interviewers
 * @param practice decayed count of repetitions (attempts that reached the section)
 * @param attempts all repetitions ever
 * @param timed runs of the section in an attempt, reached or not, and {@code withinBudget} of them
 *     within the budget
 * @param lastPracticedAt the latest repetition
 * @param successes repetitions scored at least the rules' success score (grow memory stability)
 * @param overrunBudgets over all runs, how far over budget they went, in budgets (each capped by
 *     the rules; a section not reached counts as one budget over)
 * @param overrunSeconds decayed sum of each run's seconds minus the budget (negative under; a
 *     section not reached, its whole budget), and {@code timedMass} the decayed count of those runs:
 *     their ratio is the recent mean overrun
 */
public record SectionEvidence(
        DecayedSum scoreMass, DecayedSum weightMass, Instant firstScoredAt, int scores, int weightyScores,
        DecayedSum practice, int attempts, int timed, int withinBudget, Instant lastPracticedAt, int successes,
        double overrunBudgets, DecayedSum overrunSeconds, DecayedSum timedMass) {

    public static final SectionEvidence NONE = new SectionEvidence(DecayedSum.EMPTY, DecayedSum.EMPTY, null, 0, 0,
            DecayedSum.EMPTY, 0, 0, 0, null, 0, 0, DecayedSum.EMPTY, DecayedSum.EMPTY);

    SectionEvidence scored(Instant at, double normalisedScore, double weight, boolean weighty, double halfLifeDays) {
        return new SectionEvidence(scoreMass.plus(at, weight * normalisedScore, halfLifeDays),
                weightMass.plus(at, weight, halfLifeDays), earliest(firstScoredAt, at), scores + 1,
                weightyScores + (weighty ? 1 : 0), practice, attempts, timed, withinBudget, lastPracticedAt, successes,
                overrunBudgets, overrunSeconds, timedMass);
    }

    /** A run that reached the section: a repetition, and a timing. */
    SectionEvidence practiced(Instant at, int seconds, int budgetSeconds, double overBudgets, boolean success,
            double halfLifeDays) {
        return new SectionEvidence(scoreMass, weightMass, firstScoredAt, scores, weightyScores,
                practice.plus(at, 1, halfLifeDays), attempts + 1, timed + 1,
                withinBudget + (seconds <= budgetSeconds ? 1 : 0), latest(lastPracticedAt, at),
                successes + (success ? 1 : 0), overrunBudgets + overBudgets,
                overrunSeconds.plus(at, seconds - budgetSeconds, halfLifeDays), timedMass.plus(at, 1, halfLifeDays));
    }

    /**
     * A run that never reached the section (0 s): time ran out before it. Not a repetition, but a
     * timing as far over as the rules count a section not reached.
     */
    SectionEvidence notReached(Instant at, int budgetSeconds, double overBudgets, double halfLifeDays) {
        return new SectionEvidence(scoreMass, weightMass, firstScoredAt, scores, weightyScores, practice, attempts,
                timed + 1, withinBudget, lastPracticedAt, successes, overrunBudgets + overBudgets,
                overrunSeconds.plus(at, budgetSeconds, halfLifeDays), timedMass.plus(at, 1, halfLifeDays));
    }

    static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    /** The later of two instants, either of which may be null. */
    public static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}
