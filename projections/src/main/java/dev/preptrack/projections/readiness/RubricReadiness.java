package dev.preptrack.projections.readiness;

import java.util.List;

/**
 * A rubric's readiness: its sections, their budget-weighted mean as the rubric's score, and
 * why in words (which sections pull it down), so a good overall level cannot hide a weak
 * section.
 */
public record RubricReadiness(String rubric, int score, String level, List<String> reasons,
        List<SectionReadiness> sections) {
}
