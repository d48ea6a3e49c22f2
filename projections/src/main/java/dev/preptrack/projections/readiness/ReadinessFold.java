package dev.preptrack.projections.readiness;

import dev.preptrack.domain.event.AccessGranted;
import dev.preptrack.domain.event.AccessRevoked;
import dev.preptrack.domain.event.Event;
import dev.preptrack.domain.event.FeedbackReceived;
import dev.preptrack.domain.event.FeedbackThemeNamed;
import dev.preptrack.domain.event.FeedbackThemesCorrected;
import dev.preptrack.domain.event.FeedbackTriaged;
import dev.preptrack.domain.event.Payload;
import dev.preptrack.domain.event.PracticeAttemptLogged;
import dev.preptrack.domain.event.PracticeAttemptLogged.SectionPractice;
import dev.preptrack.domain.event.StoryCreated;
import dev.preptrack.domain.event.StoryEdited;
import dev.preptrack.domain.event.StoryRetired;
import dev.preptrack.projections.themes.ThemeClassifier;
import dev.preptrack.rules.ReadinessRules;
import dev.preptrack.rules.Rubric;
import dev.preptrack.rules.Rules;
import dev.preptrack.rules.Section;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Readiness evidence as a pure fold: {@code (evidence, event, rules) -> evidence}. Attempts add
 * repetitions, timings and self-scores to the sections they reached; feedback tied to a
 * section adds its score (when it is not an open criticism, which counts against the section
 * instead) and its status; story edits and triage mark feedback addressed, won't-fix or
 * reopened. Everything is summarised so that the order of events does not matter, and
 * nothing reads a clock: evaluation at a given time is {@link ReadinessCalculator}'s job.
 */
public final class ReadinessFold {

    private ReadinessFold() {
    }

    public static CandidateEvidence apply(CandidateEvidence current, Event event, Rules rules) {
        CandidateEvidence evidence = current == null ? CandidateEvidence.NONE : current;
        if (event.sequence() <= evidence.sequence()) {
            return evidence;
        }
        // A copy: the value passed in is never changed.
        OpenEvidence next = OpenEvidence.of(evidence);
        applyInPlace(next, event, rules);
        return next.evidence();
    }

    /**
     * The same fold, changing {@code evidence} itself (one only the caller holds: a rebuild's);
     * false, and nothing changed, for an event already folded in. An event readiness ignores still
     * advances the sequence, as readers wait on that position.
     */
    public static boolean applyInPlace(OpenEvidence evidence, Event event, Rules rules) {
        if (event.sequence() <= evidence.sequence) {
            return false;
        }
        evidence.sequence = event.sequence();
        event.payload().accept(new Step(evidence, event, rules));
        return true;
    }

    /** Whether folding {@code event} can change readiness evidence (what the readiness timeline keeps). */
    public static boolean concerns(Event event) {
        return event.payload().accept(CONCERNS);
    }

    /**
     * The evidence from those of {@code events} that had happened by {@code asOf}, folded in the
     * order they were logged (by sequence), as the live fold saw them.
     */
    public static CandidateEvidence asOf(Collection<Event> events, Instant asOf, Rules rules) {
        OpenEvidence evidence = OpenEvidence.empty();
        for (Event event : events.stream().filter(event -> !event.occurredAt().isAfter(asOf))
                .sorted(Comparator.comparingLong(Event::sequence)).toList()) {
            applyInPlace(evidence, event, rules);
        }
        return evidence.evidence();
    }

    /** One event's change to evidence already at the event's sequence. */
    private static final class Step implements Payload.Visitor<Void> {
        private final Instant at;
        private final Rules rules;
        private final Map<String, SectionEvidence> sections;
        private final Map<String, FeedbackEvidence> feedback;
        private final Map<String, String> storyRubrics;

        Step(OpenEvidence evidence, Event event, Rules rules) {
            this.at = event.occurredAt();
            this.rules = rules;
            this.sections = evidence.sections;
            this.feedback = evidence.feedback;
            this.storyRubrics = evidence.storyRubrics;
        }

        @Override
        public Void storyCreated(StoryCreated created) {
            storyRubrics.put(created.storyId(), currentRubric(rules, created.rubric()));
            return null;
        }

        @Override
        public Void attemptLogged(PracticeAttemptLogged attempt) {
            rules.rubricOf(attempt.rubric())
                    .ifPresent(rubric -> practiced(sections, rubric, attempt, at, rules.readiness()));
            return null;
        }

        @Override
        public Void feedbackReceived(FeedbackReceived received) {
            feedback.merge(received.feedbackId(), received(received, at, rules), ReadinessFold::withMarksOf);
            return null;
        }

        @Override
        public Void storyEdited(StoryEdited edited) {
            for (String feedbackId : edited.feedbackAddressed()) {
                feedback.merge(feedbackId, mark(feedbackId).addressed(at), ReadinessFold::withMarksOf);
            }
            return null;
        }

        @Override
        public Void feedbackTriaged(FeedbackTriaged triaged) {
            FeedbackEvidence marked = switch (triaged.decision()) {
                case ADDRESSED -> mark(triaged.feedbackId()).addressed(at);
                case WONT_FIX -> mark(triaged.feedbackId()).wontFix(at);
                case REOPENED -> mark(triaged.feedbackId()).reopened(at);
            };
            feedback.merge(triaged.feedbackId(), marked, ReadinessFold::withMarksOf);
            return null;
        }

        @Override
        public Void storyRetired(StoryRetired retired) {
            return null;
        }

        /**
         * A person's word on the item's themes decides whether an unscored item asks for a change
         * (praise never counts against a section); a low score still makes it critical.
         */
        @Override
        public Void themesCorrected(FeedbackThemesCorrected corrected) {
            var correction = new FeedbackEvidence.Correction(at, !rules.themes().asksForNoChange(corrected.themes()));
            feedback.merge(corrected.feedbackId(), mark(corrected.feedbackId()).corrected(correction),
                    ReadinessFold::withMarksOf);
            return null;
        }

        /** Items named as a theme of the candidate's own are, in the person's word, asking for a change. */
        @Override
        public Void themeNamed(FeedbackThemeNamed named) {
            var correction = new FeedbackEvidence.Correction(at, true);
            for (String feedbackId : named.feedbackIds()) {
                feedback.merge(feedbackId, mark(feedbackId).corrected(correction), ReadinessFold::withMarksOf);
            }
            return null;
        }

        @Override
        public Void accessGranted(AccessGranted granted) {
            return null;
        }

        @Override
        public Void accessRevoked(AccessRevoked revoked) {
            return null;
        }
    }

    /** True for the event types whose {@link Step} method changes more than the sequence. */
    private static final Payload.Visitor<Boolean> CONCERNS = new Payload.Visitor<>() {
        @Override
        public Boolean storyCreated(StoryCreated created) {
            return true;
        }

        @Override
        public Boolean storyEdited(StoryEdited edited) {
            return true;
        }

        @Override
        public Boolean storyRetired(StoryRetired retired) {
            return false;
        }

        @Override
        public Boolean attemptLogged(PracticeAttemptLogged attempt) {
            return true;
        }

        @Override
        public Boolean feedbackReceived(FeedbackReceived feedback) {
            return true;
        }

        @Override
        public Boolean feedbackTriaged(FeedbackTriaged triaged) {
            return true;
        }

        @Override
        public Boolean accessGranted(AccessGranted granted) {
            return false;
        }

        @Override
        public Boolean themesCorrected(FeedbackThemesCorrected corrected) {
            return true;
        }

        @Override
        public Boolean themeNamed(FeedbackThemeNamed named) {
            return true;
        }

        @Override
        public Boolean accessRevoked(AccessRevoked revoked) {
            return false;
        }
    };

    private static void practiced(Map<String, SectionEvidence> sections, Rubric rubric, PracticeAttemptLogged attempt,
            Instant at, ReadinessRules readiness) {
        for (SectionPractice practice : attempt.sections()) {
            // Under the rules' current ids: a section renamed or split since keeps its history.
            Optional<Section> section = rubric.sectionOf(practice.section());
            if (section.isEmpty()) {
                continue;
            }
            int budget = section.get().budgetSeconds();
            double overBudgets = readiness.timing().overrunBudgets(practice.seconds(), budget);
            double halfLife = readiness.practice().halfLifeDays();
            Integer score = practice.selfScore() != null ? practice.selfScore() : attempt.selfScore();
            // Once for the section overall and once for the story's own roll-up.
            for (String storyId : attempt.storyId() == null ? new String[] {null}
                    : new String[] {null, attempt.storyId()}) {
                String key = CandidateEvidence.key(rubric.id(), section.get().id(), storyId);
                SectionEvidence before = sections.getOrDefault(key, SectionEvidence.NONE);
                if (practice.seconds() == 0) {
                    // Not reached: time ran out before it. A timing, not a repetition, and no score.
                    sections.put(key, before.notReached(at, budget, overBudgets, halfLife));
                    continue;
                }
                SectionEvidence evidence = before.practiced(at, practice.seconds(), budget, overBudgets,
                        score != null && score >= readiness.freshness().successMinScore(), halfLife);
                if (score != null) {
                    evidence = evidence.scored(at, normalised(score), readiness.performance().weightOf("self"), false,
                            readiness.performance().halfLifeDays());
                }
                sections.put(key, evidence);
            }
        }
    }

    private static FeedbackEvidence received(FeedbackReceived received, Instant at, Rules rules) {
        // Praise asks for no change: it must never count as open criticism against the section.
        boolean asksForChange = !rules.themes().asksForNoChange(
                ThemeClassifier.forRules(rules.themes()).classify(received.text()).themes());
        String rubric = received.rubric() == null ? null : currentRubric(rules, received.rubric());
        String section = received.section() == null ? null : rules.rubricOf(rubric == null ? "" : rubric)
                .flatMap(r -> r.sectionOf(received.section())).map(Section::id).orElse(received.section());
        return new FeedbackEvidence(received.feedbackId(), received.storyId(), rubric, section, received.score(),
                received.source().role(), at, null, null, null, asksForChange, null);
    }

    /** An event's rubric id under the rules' current ids (as it was, for a rubric the rules no longer have). */
    private static String currentRubric(Rules rules, String rubricId) {
        return rules.rubricOf(rubricId).map(dev.preptrack.rules.Rubric::id).orElse(rubricId);
    }

    private static FeedbackEvidence mark(String feedbackId) {
        return new FeedbackEvidence(feedbackId, null, null, null, null, null, null, null, null, null, true, null);
    }

    /** Combines what is known about one feedback item, whichever arrived first. */
    private static FeedbackEvidence withMarksOf(FeedbackEvidence a, FeedbackEvidence b) {
        FeedbackEvidence item = a.receivedAt() != null ? a : b;
        return new FeedbackEvidence(item.feedbackId(), item.storyId(), item.rubric(), item.section(), item.score(),
                item.role(), item.receivedAt(), SectionEvidence.latest(a.addressedAt(), b.addressedAt()),
                SectionEvidence.latest(a.wontFixAt(), b.wontFixAt()),
                SectionEvidence.latest(a.reopenedAt(), b.reopenedAt()), item.asksForChange(),
                FeedbackEvidence.Correction.latest(a.correction(), b.correction()));
    }

    /** A 1–5 score on 0–1. */
    static double normalised(int score) {
        return (score - 1) / 4.0;
    }
}
