package dev.preptrack.projections.readiness;

import dev.preptrack.rules.Rubric;
import dev.preptrack.rules.Rules;
import dev.preptrack.rules.Section;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Readiness of a candidate at an instant under one rules version: every rubric (or one), each
 * with its sections, and the same roll-up per practised story (from that story's attempts and
 * feedback only). A rubric's score weighs each section by its time budget, since a long
 * section is more of the answer.
 */
public record ReadinessReport(int rulesVersion, Instant asOf, List<RubricReadiness> rubrics,
        List<StoryReadiness> stories) {

    /** One story's readiness: its rubric's sections as practised in this story. */
    public record StoryReadiness(String storyId, RubricReadiness readiness) {
    }

    public static ReadinessReport of(CandidateEvidence evidence, Rules rules, Instant asOf, String rubricFilter) {
        var calculator = new ReadinessCalculator(rules.readiness());
        List<RubricReadiness> rubrics = new ArrayList<>();
        for (Rubric rubric : rules.rubrics()) {
            if (rubricFilter == null || rubric.id().equals(rubricFilter)) {
                rubrics.add(rollUp(calculator, evidence, rules, rubric, null, asOf));
            }
        }
        List<StoryReadiness> stories = new ArrayList<>();
        evidence.practisedStories().forEach((storyId, rubricId) -> rules.rubric(rubricId)
                .filter(rubric -> rubricFilter == null || rubric.id().equals(rubricFilter))
                .ifPresent(rubric -> stories.add(new StoryReadiness(storyId,
                        rollUp(calculator, evidence, rules, rubric, storyId, asOf)))));
        return new ReadinessReport(rules.version(), asOf, rubrics, stories);
    }

    /** One rubric's readiness at {@code asOf} (in one story, or {@code storyId} null: in all of them). */
    public static RubricReadiness rubric(ReadinessCalculator calculator, CandidateEvidence evidence, Rules rules,
            Rubric rubric, String storyId, Instant asOf) {
        return rollUp(calculator, evidence, rules, rubric, storyId, asOf);
    }

    private static RubricReadiness rollUp(ReadinessCalculator calculator, CandidateEvidence evidence, Rules rules,
            Rubric rubric, String storyId, Instant asOf) {
        List<SectionReadiness> sections = new ArrayList<>();
        double weighted = 0;
        double budget = 0;
        boolean practiced = false;
        for (Section section : rubric.sections()) {
            SectionReadiness readiness = calculator.section(evidence, rubric, section, storyId, asOf);
            sections.add(readiness);
            weighted += readiness.score() * (double) section.budgetSeconds();
            budget += section.budgetSeconds();
            practiced |= readiness.attempts() > 0;
        }
        int score = (int) Math.round(weighted / budget);
        return new RubricReadiness(rubric.id(), score, rules.readiness().levels().of(score, practiced),
                reasons(sections, score, practiced), sections);
    }

    /** Names the sections below the rubric's score, weakest first (at most three), with what holds them back. */
    private static List<String> reasons(List<SectionReadiness> sections, int score, boolean practiced) {
        if (!practiced) {
            return List.of("not practiced yet");
        }
        List<String> reasons = new ArrayList<>();
        reasons.add("score: the sections' scores weighted by their time budgets");
        var weakest = sections.stream().filter(s -> s.score() < score)
                .sorted(java.util.Comparator.comparingInt(SectionReadiness::score)).limit(3)
                .map(s -> s.section() + " " + s.score() + " (" + s.level()
                        + (s.openFeedback().isEmpty() ? "" : ", " + s.openFeedback().size() + " open feedback") + ")")
                .toList();
        if (!weakest.isEmpty()) {
            reasons.add("pulling it down: " + String.join(", ", weakest));
        }
        return reasons;
    }
}
