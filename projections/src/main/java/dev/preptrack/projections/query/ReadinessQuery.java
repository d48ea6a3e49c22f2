package dev.preptrack.projections.query;

import dev.preptrack.projections.CandidateStories;
import dev.preptrack.projections.StoryView;
import dev.preptrack.projections.readiness.CandidateEvidence;
import dev.preptrack.projections.readiness.ReadinessFold;
import dev.preptrack.projections.readiness.ReadinessReport;
import dev.preptrack.rules.Rubric;
import dev.preptrack.rules.Rules;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * The readiness use case: a candidate's readiness under the rules, now or as of a time
 * ({@link AsOf}), for every rubric or one named by its id or any of its aliases in any case.
 * At or after the candidate's latest event the folded evidence is evaluated as it stands; for an
 * earlier time the same {@link ReadinessFold} runs again over the events that had happened by
 * then (from the read models' timeline, up to the position the evidence had reached, so both
 * describe the same history).
 */
public final class ReadinessQuery {

    static final String RUBRIC = "rubric";

    private final ReadModels models;
    private final Rules rules;
    private final Clock clock;

    public ReadinessQuery(ReadModels models, Rules rules, Clock clock) {
        this.models = models;
        this.rules = rules;
        this.clock = clock;
    }

    /**
     * @param rubric a rubric's id or alias, or null for every rubric
     * @param asOf a date or an instant as text, or null for now
     * @throws InvalidQueryException naming {@code rubric} or {@code asOf}
     */
    public ReadinessResult readiness(String candidateId, String rubric, String asOf, long after) {
        String rubricId = rubric == null ? null : rubric(rubric).id();
        Instant at = AsOf.resolve(asOf, clock);
        ReadinessReport report = ReadinessReport.of(evidenceAt(candidateId, at, after), rules, at, rubricId);
        Map<String, StoryView> stories = models.stories(candidateId, 0).map(CandidateStories::getStories)
                .orElse(Map.of());
        return new ReadinessResult(report.rulesVersion(), report.asOf().toString(),
                report.rubrics().stream().map(ReadinessResult.RubricResult::of).toList(),
                report.stories().stream().map(story -> ReadinessResult.StoryResult.of(story.storyId(),
                        title(stories.get(story.storyId())), story.readiness())).toList());
    }

    private CandidateEvidence evidenceAt(String candidateId, Instant at, long after) {
        CandidateEvidence evidence = models.readiness(candidateId, after);
        if (!at.isBefore(evidence.latestEventTime())) {
            return evidence;
        }
        long folded = evidence.sequence();
        return ReadinessFold.asOf(models.readinessEventsUpTo(candidateId, at).stream()
                .filter(event -> event.sequence() <= folded).toList(), at, rules);
    }

    private Rubric rubric(String name) {
        return rules.resolveRubric(name).orElseThrow(() -> new InvalidQueryException(RUBRIC, "unknown rubric '" + name
                + "'; rules version " + rules.version() + " has " + rules.rubricIds()));
    }

    private static String title(StoryView story) {
        return story == null ? null : story.getTitle();
    }
}
