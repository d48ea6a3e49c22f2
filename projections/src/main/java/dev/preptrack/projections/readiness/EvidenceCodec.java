package dev.preptrack.projections.readiness;

import dev.preptrack.domain.event.FeedbackReceived;
import dev.preptrack.projections.DecayedSumRecord;
import dev.preptrack.projections.FeedbackEvidenceRecord;
import dev.preptrack.projections.ReadinessEvidence;
import dev.preptrack.projections.SectionEvidenceRecord;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Between the fold's immutable evidence and its Avro form in the state store. The fold keeps
 * plain records so it stays a small pure function; the store keeps Avro like every other value.
 */
public final class EvidenceCodec {

    private EvidenceCodec() {
    }

    public static ReadinessEvidence toRecord(CandidateEvidence evidence) {
        return toRecord(evidence.sequence(), evidence.sections(), evidence.feedback(), evidence.storyRubrics());
    }

    /** The same record straight from evidence folded in place (no immutable copy between). */
    public static ReadinessEvidence toRecord(OpenEvidence evidence) {
        return toRecord(evidence.sequence, evidence.sections, evidence.feedback, evidence.storyRubrics);
    }

    private static ReadinessEvidence toRecord(long sequence, Map<String, SectionEvidence> sectionEvidence,
            Map<String, FeedbackEvidence> feedbackEvidence, Map<String, String> storyRubrics) {
        Map<String, SectionEvidenceRecord> sections = new HashMap<>();
        sectionEvidence.forEach((key, e) -> sections.put(key, new SectionEvidenceRecord(sum(e.scoreMass()),
                sum(e.weightMass()), e.firstScoredAt(), e.scores(), e.weightyScores(), sum(e.practice()), e.attempts(),
                e.timed(), e.withinBudget(), e.lastPracticedAt(), e.successes(), e.overrunBudgets(),
                sum(e.overrunSeconds()), sum(e.timedMass()))));
        Map<String, FeedbackEvidenceRecord> feedback = new HashMap<>();
        feedbackEvidence.forEach((id, f) -> feedback.put(id, new FeedbackEvidenceRecord(f.feedbackId(), f.storyId(),
                f.rubric(), f.section(), f.score(), f.ruleName(), f.receivedAt(), f.addressedAt(), f.wontFixAt(),
                f.reopenedAt(), f.asksForChange(), f.correction() == null ? null : f.correction().at(),
                f.correction() == null ? null : f.correction().asksForChange())));
        return new ReadinessEvidence(sequence, sections, feedback, new HashMap<>(storyRubrics));
    }

    public static CandidateEvidence fromRecord(ReadinessEvidence record) {
        if (record == null) {
            return CandidateEvidence.NONE;
        }
        Map<String, SectionEvidence> sections = new HashMap<>();
        record.getSections().forEach((key, e) -> sections.put(key, new SectionEvidence(sum(e.getScoreMass()),
                sum(e.getWeightMass()), e.getFirstScoredAt(), e.getScores(), e.getWeightyScores(), sum(e.getPractice()),
                e.getAttempts(), e.getTimed(), e.getWithinBudget(), e.getLastPracticedAt(), e.getSuccesses(),
                e.getOverrunBudgets(), sum(e.getOverrunSeconds()), sum(e.getTimedMass()))));
        Map<String, FeedbackEvidence> feedback = new HashMap<>();
        record.getFeedback().forEach((id, f) -> feedback.put(id, new FeedbackEvidence(f.getFeedbackId(), f.getStoryId(),
                f.getRubric(), f.getSection(), f.getScore(),
                f.getRole() == null ? null
                        : FeedbackReceived.Source.Role.valueOf(f.getRole().toUpperCase(Locale.ROOT)), f.getReceivedAt(), f.getAddressedAt(),
                f.getWontFixAt(), f.getReopenedAt(), f.getAsksForChange(), f.getCorrectedAt() == null ? null
                        : new FeedbackEvidence.Correction(f.getCorrectedAt(), f.getCorrectedAsksForChange()))));
        return new CandidateEvidence(record.getSequence(), sections, feedback, record.getStoryRubrics());
    }

    private static DecayedSumRecord sum(DecayedSum sum) {
        return new DecayedSumRecord(sum.mass(), sum.reference());
    }

    private static DecayedSum sum(DecayedSumRecord record) {
        return new DecayedSum(record.getMass(), record.getReference());
    }
}
