package dev.preptrack.projections.readiness;

import dev.preptrack.rules.Rubric;
import dev.preptrack.rules.Rules;
import dev.preptrack.rules.Section;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Readiness of a candidate at an instant under one rules version: every rubric (or one), each
 * with its sections. The rubric score weighs each section by its time budget, since a long
 * section is more of the answer.
 */
public record ReadinessReport(int rulesVersion, Instant asOf, List<RubricReadiness> rubrics) {

    public static ReadinessReport of(CandidateEvidence evidence, Rules rules, Instant asOf, String rubricFilter) {
        var calculator = new ReadinessCalculator(rules.readiness());
        List<RubricReadiness> rubrics = new ArrayList<>();
        for (Rubric rubric : rules.rubrics()) {
            if (rubricFilter != null && !rubric.id().equals(rubricFilter)) {
                continue;
            }
            List<SectionReadiness> sections = new ArrayList<>();
            double weighted = 0;
            double budget = 0;
            boolean practiced = false;
            for (Section section : rubric.sections()) {
                SectionReadiness readiness = calculator.section(evidence, rubric, section, asOf);
                sections.add(readiness);
                weighted += readiness.score() * (double) section.budgetSeconds();
                budget += section.budgetSeconds();
                practiced |= readiness.attempts() > 0;
            }
            int score = (int) Math.round(weighted / budget);
            rubrics.add(new RubricReadiness(rubric.id(), score, rules.readiness().levels().of(score, practiced), sections));
        }
        return new ReadinessReport(rules.version(), asOf, rubrics);
    }
}
