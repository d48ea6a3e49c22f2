package dev.preptrack.projections.readiness;

import java.util.List;

/** A rubric's readiness: its sections, and their budget-weighted mean as the rubric's score. */
public record RubricReadiness(String rubric, int score, String level, List<SectionReadiness> sections) {
}
