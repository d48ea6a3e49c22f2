package dev.preptrack.rules;

import java.util.Map;

/**
 * How readiness is computed (the {@code readiness} block of a rules document). Scores are on
 * 0–1 inside, 0–100 when shown. Every half-life and stability is in days of event time.
 *
 * @param weights how the performance, practice and timing components add up (sum 1)
 * @param performance scores received: recent ones weigh more, and by whom they were given
 * @param practice recent repetitions against a target
 * @param timing how often a section stayed within its budget
 * @param openFeedback how much each unaddressed critical feedback item pulls a section down
 * @param freshness the forgetting curve R = (1 + t / (9 S))^-1 and how stability S grows
 * @param levels score thresholds (0–100) from which a level applies
 */
public record ReadinessRules(
        Weights weights, Performance performance, Practice practice, Timing timing, OpenFeedback openFeedback,
        Freshness freshness, Levels levels) {

    public record Weights(double performance, double practice, double timing) {
    }

    /** @param sourceWeights weight of a score by its giver's role: self, peer, coach, interviewer */
    public record Performance(double halfLifeDays, double priorScore, double priorWeight, Map<String, Double> sourceWeights) {
        public Performance {
            sourceWeights = Map.copyOf(sourceWeights);
        }

        public double weightOf(String role) {
            return sourceWeights.getOrDefault(role, 1.0);
        }
    }

    public record Practice(double halfLifeDays, double target) {
    }

    /**
     * How timing weighs a section's runs: a run within budget counts 1 in favour; a run over counts
     * against, 1 plus {@code overrunWeight} for each budget's worth it ran over (at most
     * {@code maxOverrunBudgets} of them), so a run 5 s over weighs little more than a miss while one
     * several budgets over weighs several; a section not reached counts as one budget over.
     */
    public record Timing(double priorWithin, double priorWeight, double overrunWeight, double maxOverrunBudgets) {

        /** How far over a run counts, in budgets: its overrun, capped; a section not reached, one budget. */
        public double overrunBudgets(int seconds, int budgetSeconds) {
            if (seconds == 0) {
                return Math.min(1, maxOverrunBudgets);
            }
            return Math.min(maxOverrunBudgets, Math.max(0, seconds - budgetSeconds) / (double) budgetSeconds);
        }
    }

    /** @param criticalMaxScore feedback scored at or below this (or unscored) counts as critical */
    public record OpenFeedback(double penaltyPerItem, double floor, int criticalMaxScore) {
    }

    /** @param successMinScore a repetition scored at least this (1–5) grows stability */
    public record Freshness(double initialStabilityDays, double stabilityGrowth, double maxStabilityDays,
            int successMinScore) {
    }

    public record Levels(int building, int ready, int sharp) {
        /** The level of a 0–100 score; "not-started" when the section was never practiced. */
        public String of(int score, boolean practiced) {
            if (!practiced) {
                return "not-started";
            }
            return score >= sharp ? "sharp" : score >= ready ? "ready" : "building";
        }
    }
}
