package dev.preptrack.projections.readiness;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Readiness of one rubric section at one instant: a 0–100 score, its level, each component on
 * 0–1, and the reasons a person would give for them.
 *
 * @param overBudgetSeconds the recent runs' mean overrun of the section's budget in seconds
 *     (negative when under; a section not reached counts as its whole budget over), null before any
 */
public record SectionReadiness(String rubric, String section, int score, String level, Map<String, Double> components,
        List<String> reasons, int attempts, Instant lastPracticedAt, List<String> openFeedback,
        Integer overBudgetSeconds) {
}
