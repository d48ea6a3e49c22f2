package dev.preptrack.projections.query;

import dev.preptrack.projections.CandidateStories;
import dev.preptrack.projections.StoryView;
import dev.preptrack.projections.readiness.CandidateEvidence;
import dev.preptrack.projections.readiness.ReadinessCalculator;
import dev.preptrack.projections.readiness.ReadinessFold;
import dev.preptrack.projections.readiness.ReadinessReport;
import dev.preptrack.projections.readiness.RubricReadiness;
import dev.preptrack.projections.readiness.SectionReadiness;
import dev.preptrack.rules.Rubric;
import dev.preptrack.rules.Rules;
import dev.preptrack.rules.Section;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
    private final Answers answers = new Answers();

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
        AsOf.When when = AsOf.when(asOf, clock);
        CandidateEvidence evidence = models.readiness(candidateId, after);
        CandidateStories stories = models.stories(candidateId, 0).orElse(null);
        var key = new Answers.Key("readiness", candidateId, java.util.Arrays.asList(rubricId),
                List.of(evidence.sequence(), stories == null ? 0L : stories.getSequence()),
                Answers.when(when.at(), when.now()));
        return answers.get(key, () -> readiness(candidateId, rubricId, when.at(), evidence,
                stories == null ? Map.of() : stories.getStories()));
    }

    private ReadinessResult readiness(String candidateId, String rubricId, Instant at, CandidateEvidence evidence,
            Map<String, StoryView> stories) {
        ReadinessReport report = ReadinessReport.of(evidenceAt(candidateId, at, evidence), rules, at, rubricId);
        return new ReadinessResult(report.rulesVersion(), report.asOf().toString(),
                report.rubrics().stream().map(ReadinessResult.RubricResult::of).toList(),
                report.stories().stream().map(story -> ReadinessResult.StoryResult.of(story.storyId(),
                        title(stories.get(story.storyId())), story.readiness())).toList());
    }

    private CandidateEvidence evidenceAt(String candidateId, Instant at, CandidateEvidence evidence) {
        if (!at.isBefore(evidence.latestEventTime())) {
            return evidence;
        }
        long folded = evidence.sequence();
        return models.readinessAt(candidateId, at).filter(checkpointed -> checkpointed.sequence() <= folded)
                .orElseGet(() -> ReadinessFold.asOf(models.readinessEventsUpTo(candidateId, at).stream()
                        .filter(event -> event.sequence() <= folded).toList(), at, rules));
    }

    /** At most this many points in one history: a year of days, with room. */
    static final int MAX_POINTS = 400;

    /**
     * Readiness of one rubric (or one section of it) at every {@code step} from {@code from}, and at
     * {@code to}; each point from the folds' daily checkpoints (no re-read of the log). Dates mean
     * what they mean for "as of": the end of that day, so a daily chart has one point per day.
     *
     * @param section a section's id or alias, or null for the whole rubric
     * @param from a date or an instant, or null for 30 days before {@code to}
     * @param to a date or an instant, or null for now
     * @param step an ISO-8601 duration ({@code P1D}, {@code PT12H}, {@code P7D}), or null for a day
     * @throws InvalidQueryException naming {@code rubric}, {@code section}, {@code from}, {@code to} or {@code step}
     */
    public ReadinessHistory history(String candidateId, String rubric, String section, String from, String to,
            String step, long after) {
        if (rubric == null || rubric.isBlank()) {
            throw new InvalidQueryException(RUBRIC, "is required: one of " + rules.rubricIds());
        }
        Rubric theRubric = rubric(rubric);
        Section theSection = section == null ? null : theRubric.resolveSection(section).orElseThrow(() ->
                new InvalidQueryException("section", "unknown section '" + section + "' of " + theRubric.id() + "; it has "
                        + theRubric.sectionIds()));
        AsOf.When end = AsOf.when(to, clock, "to");
        Instant start = from == null ? end.at().minus(Duration.ofDays(30)) : AsOf.when(from, clock, "from").at();
        Duration every = step(step);
        if (start.isAfter(end.at())) {
            throw new InvalidQueryException("from", "must not be after 'to' (" + end.at() + ")");
        }
        long points = Duration.between(start, end.at()).dividedBy(every) + 2;
        if (points > MAX_POINTS) {
            throw new InvalidQueryException("step", "gives " + points + " points from " + start + " to " + end.at()
                    + "; at most " + MAX_POINTS + " (take a longer step or a shorter range)");
        }
        CandidateEvidence evidence = models.readiness(candidateId, after);
        var key = new Answers.Key("history", candidateId, java.util.Arrays.asList(theRubric.id(),
                theSection == null ? null : theSection.id(), start, every),
                List.of(evidence.sequence()), Answers.when(end.at(), end.now()));
        return answers.get(key, () -> {
            var calculator = new ReadinessCalculator(rules.readiness());
            List<ReadinessHistory.Point> series = new java.util.ArrayList<>();
            List<Instant> instants = new java.util.ArrayList<>();
            for (Instant at = start; !at.isAfter(end.at()); at = at.plus(every)) {
                instants.add(at);
            }
            if (!instants.get(instants.size() - 1).equals(end.at())) {
                instants.add(end.at()); // the chart reaches its end (now, by default) even off the step
            }
            for (Instant at : instants) {
                CandidateEvidence then = evidenceAt(candidateId, at, evidence);
                if (theSection == null) {
                    RubricReadiness readiness = ReadinessReport.rubric(calculator, then, rules, theRubric, null, at);
                    series.add(new ReadinessHistory.Point(at.toString(), readiness.score(), readiness.level()));
                } else {
                    SectionReadiness readiness = calculator.section(then, theRubric, theSection, at);
                    series.add(new ReadinessHistory.Point(at.toString(), readiness.score(), readiness.level()));
                }
            }
            return new ReadinessHistory(rules.version(), theRubric.id(), theSection == null ? null : theSection.id(),
                    start.toString(), end.at().toString(), every.toString(), List.copyOf(series));
        });
    }

    private static Duration step(String step) {
        if (step == null || step.isBlank()) {
            return Duration.ofDays(1);
        }
        try {
            Duration every = Duration.parse(step.trim());
            if (every.compareTo(Duration.ofMinutes(1)) < 0) {
                throw new InvalidQueryException("step", "must be at least a minute (PT1M), not '" + step + "'");
            }
            return every;
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidQueryException("step", "must be an ISO-8601 duration such as P1D, P7D or PT6H, not '"
                    + step + "'");
        }
    }

    private Rubric rubric(String name) {
        return rules.resolveRubric(name).orElseThrow(() -> new InvalidQueryException(RUBRIC, "unknown rubric '" + name
                + "'; rules version " + rules.version() + " has " + rules.rubricIds()));
    }

    private static String title(StoryView story) {
        return story == null ? null : story.getTitle();
    }
}
