package dev.preptrack.projections.readiness;

import dev.preptrack.rules.ReadinessRules;
import dev.preptrack.rules.Rubric;
import dev.preptrack.rules.Section;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a section's evidence at an instant (now, or an "as of" date). Components, each on
 * 0–1:
 * <ul>
 *   <li>performance — decayed, source-weighted mean of the scores that count, with a prior;</li>
 *   <li>practice — decayed repetitions against the target;</li>
 *   <li>timing — (runs within budget + prior) / (runs within budget + Σ over the runs over budget
 *       of 1 + overrunWeight × budgets over, capped + prior weight): how often, and how far over;
 *       a section not reached counts as a run one budget over;</li>
 *   <li>open feedback — 1 / (1 + Σ penalty × giver's weight / heaviest weight) over open,
 *       critical items;</li>
 *   <li>freshness — R = (1 + t / (9 S))^-1, t days since the last repetition, S the stability
 *       that grows with successful repetitions.</li>
 * </ul>
 * Score = 100 × (weighted sum of performance, practice, timing) × open feedback × freshness.
 * Each factor is non-decreasing in good practice and non-increasing in elapsed time and in open
 * criticism, which is what makes the readiness properties of the rules hold.
 */
public final class ReadinessCalculator {

    private final ReadinessRules rules;

    public ReadinessCalculator(ReadinessRules rules) {
        this.rules = rules;
    }

    public SectionReadiness section(CandidateEvidence evidence, Rubric rubric, Section section, Instant asOf) {
        return section(evidence, rubric, section, null, asOf);
    }

    /** The section as practised in one story ({@code storyId} null: in all of them). */
    public SectionReadiness section(CandidateEvidence evidence, Rubric rubric, Section section, String storyId,
            Instant asOf) {
        SectionEvidence e = evidence.section(rubric.id(), section.id(), storyId);
        List<FeedbackEvidence> open = openCriticism(evidence, rubric.id(), section.id(), storyId, e.lastPracticedAt());
        List<FeedbackEvidence> scored = about(evidence, rubric.id(), section.id(), storyId).stream()
                .filter(item -> item.score() != null).toList();
        List<String> reasons = new ArrayList<>();

        double performance = performance(e, scored, e.lastPracticedAt(), asOf, reasons);
        double practiceMass = e.practice().at(asOf, rules.practice().halfLifeDays());
        double practice = Math.min(1, practiceMass / rules.practice().target());
        var timingRules = rules.timing();
        int over = e.timed() - e.withinBudget();
        // Each run over adds to the denominator only, by at least 1: it can only lower timing, and
        // the further over, the more; a run within adds 1 to both, which can only raise it.
        double timing = (e.withinBudget() + timingRules.priorWithin() * timingRules.priorWeight())
                / (e.withinBudget() + over + timingRules.overrunWeight() * e.overrunBudgets()
                        + timingRules.priorWeight());
        Integer overBudgetSeconds = overBudgetSeconds(e, asOf);
        double openFactor = openFactor(open);
        double freshness = freshness(e, asOf);

        if (e.attempts() == 0) {
            reasons.add("not practiced yet");
            if (e.timed() > 0) {
                reasons.add(timingReason(e, section, overBudgetSeconds));
            }
        } else {
            // Plain concatenation, not String.format: this runs for every section of every snapshot.
            reasons.add("practice: " + decimals(practiceMass, 1) + " recent repetitions against a target of "
                    + decimals(rules.practice().target(), 0) + " (" + e.attempts() + " in all)");
            reasons.add(timingReason(e, section, overBudgetSeconds));
            reasons.add("freshness: last practiced " + days(Math.max(0, DecayedSum.days(e.lastPracticedAt(), asOf)))
                    + " ago; memory stability " + days(stability(e)));
        }
        if (!open.isEmpty()) {
            reasons.add(open.size() + " open critical feedback item" + (open.size() == 1 ? "" : "s") + ": "
                    + String.join(", ", open.stream().map(FeedbackEvidence::feedbackId).toList()));
        }
        var weights = rules.weights();
        double base = weights.performance() * performance + weights.practice() * practice + weights.timing() * timing;
        int score = (int) Math.round(100 * base * openFactor * freshness);
        Map<String, Double> components = new LinkedHashMap<>();
        components.put("performance", round(performance));
        components.put("practice", round(practice));
        components.put("timing", round(timing));
        components.put("openFeedback", round(openFactor));
        components.put("freshness", round(freshness));
        return new SectionReadiness(rubric.id(), section.id(), score, rules.levels().of(score, e.attempts() > 0),
                components, reasons, e.attempts(), e.lastPracticedAt(),
                open.stream().map(FeedbackEvidence::feedbackId).toList(), overBudgetSeconds);
    }

    /**
     * The recent runs' mean overrun in whole seconds, recent ones weighing more (negative: under);
     * null before any run. Both sums decay alike, so the mean does not drift with the clock.
     */
    private Integer overBudgetSeconds(SectionEvidence e, Instant asOf) {
        double halfLife = rules.practice().halfLifeDays();
        double runs = e.timedMass().at(asOf, halfLife);
        if (e.timed() == 0 || runs <= 0) {
            return null;
        }
        // To the microsecond first: decayed sums folded in another order differ in their last bits, and a
        // mean of exactly half a second must not round up one way and down the other.
        double mean = Math.round(e.overrunSeconds().at(asOf, halfLife) / runs * 1e6) / 1e6;
        return (int) Math.round(mean);
    }

    private static String timingReason(SectionEvidence e, Section section, Integer overBudgetSeconds) {
        int notReached = e.timed() - e.attempts();
        String reason = "timing: within the " + budget(section) + " budget in " + e.withinBudget() + " of " + e.timed()
                + " runs";
        if (overBudgetSeconds != null) {
            reason += overBudgetSeconds > 0 ? "; on average " + overBudgetSeconds + " s over"
                    : overBudgetSeconds < 0 ? "; on average " + -overBudgetSeconds + " s under" : "; on average on time";
        }
        return notReached > 0 ? reason + "; not reached in " + notReached + " (time ran out)" : reason;
    }

    /**
     * Scores from attempts and from feedback. An open criticism counts as the lowest score
     * until it is addressed and confirmed, then as the score its giver gave: it can only pull
     * the mean down while open, and closing it can only lift it.
     */
    private double performance(SectionEvidence e, List<FeedbackEvidence> scored, Instant lastPracticedAt, Instant asOf,
            List<String> reasons) {
        double halfLife = rules.performance().halfLifeDays();
        DecayedSum scoreMass = e.scoreMass();
        DecayedSum weightMass = e.weightMass();
        Instant first = e.firstScoredAt();
        int weighty = e.weightyScores();
        int openCounted = 0;
        for (FeedbackEvidence item : scored) {
            double weight = rules.performance().weightOf(item.ruleName());
            boolean openCriticism = item.critical(rules.openFeedback().criticalMaxScore()) && item.open(lastPracticedAt);
            openCounted += openCriticism ? 1 : 0;
            double value = openCriticism ? 0 : ReadinessFold.normalised(item.score());
            scoreMass = scoreMass.plus(item.receivedAt(), weight * value, halfLife);
            weightMass = weightMass.plus(item.receivedAt(), weight, halfLife);
            first = SectionEvidence.earliest(first, item.receivedAt());
            weighty += item.fromAnAssessor() ? 1 : 0;
        }
        int count = e.scores() + scored.size();
        if (first == null) {
            reasons.add("performance: no scores yet, assumed " + rules.performance().priorScore());
            return rules.performance().priorScore();
        }
        // The prior is a pseudo-score at the first real one, decaying with them, so the mean does
        // not drift with the clock.
        double prior = rules.performance().priorWeight();
        scoreMass = scoreMass.plus(first, prior * rules.performance().priorScore(), halfLife);
        weightMass = weightMass.plus(first, prior, halfLife);
        double mean = scoreMass.at(asOf, halfLife) / weightMass.at(asOf, halfLife);
        reasons.add("performance: " + decimals(mean * 100, 0) + "% from " + count + " score" + (count == 1 ? "" : "s")
                + " (" + weighty + " from coaches or interviewers), recent ones weighing more" + (openCounted == 0 ? ""
                : "; " + openCounted + " open criticism counted as the lowest score until addressed"));
        return mean;
    }

    private double openFactor(List<FeedbackEvidence> open) {
        double heaviest = rules.performance().sourceWeights().values().stream().mapToDouble(Double::doubleValue).max()
                .orElse(1);
        double pull = 0;
        for (FeedbackEvidence item : open) {
            pull += rules.openFeedback().penaltyPerItem() * rules.performance().weightOf(item.ruleName()) / heaviest;
        }
        return 1 / (1 + pull);
    }

    private double freshness(SectionEvidence e, Instant asOf) {
        if (e.lastPracticedAt() == null) {
            return 0;
        }
        double days = Math.max(0, DecayedSum.days(e.lastPracticedAt(), asOf));
        return 1 / (1 + days / (9 * stability(e)));
    }

    private double stability(SectionEvidence e) {
        var f = rules.freshness();
        return Math.min(f.maxStabilityDays(), f.initialStabilityDays() * Math.pow(f.stabilityGrowth(), e.successes()));
    }

    private List<FeedbackEvidence> openCriticism(CandidateEvidence evidence, String rubric, String section,
            String storyId, Instant lastPracticedAt) {
        return about(evidence, rubric, section, storyId).stream()
                .filter(item -> item.critical(rules.openFeedback().criticalMaxScore()) && item.open(lastPracticedAt))
                .toList();
    }

    private static List<FeedbackEvidence> about(CandidateEvidence evidence, String rubric, String section,
            String storyId) {
        return evidence.feedback().values().stream()
                .filter(item -> item.receivedAt() != null && section.equals(item.section()))
                .filter(item -> storyId == null || storyId.equals(item.storyId()))
                .filter(item -> rubric.equals(item.rubric() != null ? item.rubric()
                        : item.storyId() == null ? null : evidence.storyRubrics().get(item.storyId())))
                .sorted(java.util.Comparator.comparing(FeedbackEvidence::feedbackId))
                .toList();
    }

    private static String budget(Section section) {
        int seconds = section.budgetSeconds();
        return seconds % 60 == 0 ? seconds / 60 + " min" : seconds >= 60 ? seconds / 60.0 + " min" : seconds + " s";
    }

    /** {@code value} rounded half-up to {@code places} (0 or 1) decimals, as %.0f / %.1f would print it. */
    static String decimals(double value, int places) {
        if (places == 0) {
            return Long.toString(Math.round(value));
        }
        long tenths = Math.round(value * 10);
        return (tenths < 0 ? "-" : "") + Math.abs(tenths) / 10 + "." + Math.abs(tenths) % 10;
    }

    private static String days(double days) {
        long whole = Math.round(days);
        return whole == 0 ? "less than a day" : whole == 1 ? "1 day" : whole + " days";
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
