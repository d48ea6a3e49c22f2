package dev.preptrack.projections.readiness;

import dev.preptrack.events.Envelope;
import dev.preptrack.events.FeedbackReceived;
import dev.preptrack.events.FeedbackTriaged;
import dev.preptrack.events.PracticeAttemptLogged;
import dev.preptrack.events.SectionPractice;
import dev.preptrack.events.StoryCreated;
import dev.preptrack.events.StoryEdited;
import dev.preptrack.projections.themes.ThemeClassifier;
import dev.preptrack.rules.ReadinessRules;
import dev.preptrack.rules.Rubric;
import dev.preptrack.rules.Rules;
import dev.preptrack.rules.Section;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
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

    public static CandidateEvidence apply(CandidateEvidence current, Envelope event, Rules rules) {
        CandidateEvidence evidence = current == null ? CandidateEvidence.NONE : current;
        if (event.getSequence() <= evidence.sequence()) {
            return evidence;
        }
        var sections = new HashMap<>(evidence.sections());
        var feedback = new HashMap<>(evidence.feedback());
        var storyRubrics = new HashMap<>(evidence.storyRubrics());
        Instant at = event.getOccurredAt();
        ReadinessRules readiness = rules.readiness();
        Object payload = event.getPayload();
        if (payload instanceof StoryCreated created) {
            storyRubrics.put(created.getStoryId(), created.getRubric());
        } else if (payload instanceof PracticeAttemptLogged attempt) {
            rules.rubric(attempt.getRubric()).ifPresent(rubric -> practiced(sections, rubric, attempt, at, readiness));
        } else if (payload instanceof FeedbackReceived received) {
            feedback.merge(received.getFeedbackId(), received(received, at, rules), ReadinessFold::withMarksOf);
        } else if (payload instanceof StoryEdited edited) {
            for (String feedbackId : edited.getFeedbackAddressed()) {
                feedback.merge(feedbackId, mark(feedbackId).addressed(at), ReadinessFold::withMarksOf);
            }
        } else if (payload instanceof FeedbackTriaged triaged) {
            FeedbackEvidence marked = switch (triaged.getDecision()) {
                case ADDRESSED -> mark(triaged.getFeedbackId()).addressed(at);
                case WONT_FIX -> mark(triaged.getFeedbackId()).wontFix(at);
                case REOPENED -> mark(triaged.getFeedbackId()).reopened(at);
            };
            feedback.merge(triaged.getFeedbackId(), marked, ReadinessFold::withMarksOf);
        }
        return new CandidateEvidence(event.getSequence(), sections, feedback, storyRubrics);
    }

    /** Whether folding {@code event} can change readiness evidence (what {@link ReadinessTimeline} keeps). */
    public static boolean concerns(Envelope event) {
        Object payload = event.getPayload();
        return payload instanceof StoryCreated || payload instanceof PracticeAttemptLogged
                || payload instanceof FeedbackReceived || payload instanceof StoryEdited
                || payload instanceof FeedbackTriaged;
    }

    /**
     * The evidence from those of {@code events} that had happened by {@code asOf}, folded in the
     * order they were logged (by sequence), as the live fold saw them.
     */
    public static CandidateEvidence asOf(java.util.Collection<Envelope> events, Instant asOf, Rules rules) {
        CandidateEvidence evidence = CandidateEvidence.NONE;
        for (Envelope event : events.stream().filter(event -> !event.getOccurredAt().isAfter(asOf))
                .sorted(java.util.Comparator.comparingLong(Envelope::getSequence)).toList()) {
            evidence = apply(evidence, event, rules);
        }
        return evidence;
    }

    private static void practiced(Map<String, SectionEvidence> sections, Rubric rubric, PracticeAttemptLogged attempt,
            Instant at, ReadinessRules readiness) {
        for (SectionPractice practice : attempt.getSections()) {
            Optional<Section> section = rubric.section(practice.getSection());
            if (section.isEmpty() || practice.getSeconds() == 0) {
                continue;
            }
            Integer score = practice.getSelfScore() != null ? practice.getSelfScore() : attempt.getSelfScore();
            // Once for the section overall and once for the story's own roll-up.
            for (String storyId : attempt.getStoryId() == null ? new String[] {null}
                    : new String[] {null, attempt.getStoryId()}) {
                String key = CandidateEvidence.key(rubric.id(), section.get().id(), storyId);
                SectionEvidence evidence = sections.getOrDefault(key, SectionEvidence.NONE)
                        .practiced(at, practice.getSeconds() <= section.get().budgetSeconds(),
                                score != null && score >= readiness.freshness().successMinScore(),
                                readiness.practice().halfLifeDays());
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
                ThemeClassifier.forRules(rules.themes()).classify(received.getText()).themes());
        return new FeedbackEvidence(received.getFeedbackId(), received.getStoryId(), received.getRubric(),
                received.getSection(), received.getScore(), received.getSource().getRole().name().toLowerCase(Locale.ROOT),
                at, null, null, null, asksForChange);
    }

    private static FeedbackEvidence mark(String feedbackId) {
        return new FeedbackEvidence(feedbackId, null, null, null, null, null, null, null, null, null, true);
    }

    /** Combines what is known about one feedback item, whichever arrived first. */
    private static FeedbackEvidence withMarksOf(FeedbackEvidence a, FeedbackEvidence b) {
        FeedbackEvidence item = a.receivedAt() != null ? a : b;
        return new FeedbackEvidence(item.feedbackId(), item.storyId(), item.rubric(), item.section(), item.score(),
                item.role(), item.receivedAt(), SectionEvidence.latest(a.addressedAt(), b.addressedAt()),
                SectionEvidence.latest(a.wontFixAt(), b.wontFixAt()),
                SectionEvidence.latest(a.reopenedAt(), b.reopenedAt()), item.asksForChange());
    }

    /** A 1–5 score on 0–1. */
    static double normalised(int score) {
        return (score - 1) / 4.0;
    }
}
