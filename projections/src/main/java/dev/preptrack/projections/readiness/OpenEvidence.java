package dev.preptrack.projections.readiness;

import java.util.HashMap;
import java.util.Map;

/**
 * A candidate's readiness evidence while a rebuild folds their events into it in place
 * ({@link ReadinessFold#applyInPlace}): the same maps {@link CandidateEvidence} holds, changed
 * rather than copied per event (a year of feedback copied twice for every event was a quarter of
 * a rebuild's fold thread). Only its holder may see it; {@link #evidence()} is the immutable value.
 */
public final class OpenEvidence {
    long sequence;
    final Map<String, SectionEvidence> sections;
    final Map<String, FeedbackEvidence> feedback;
    final Map<String, String> storyRubrics;

    private OpenEvidence(long sequence, Map<String, SectionEvidence> sections, Map<String, FeedbackEvidence> feedback,
            Map<String, String> storyRubrics) {
        this.sequence = sequence;
        this.sections = new HashMap<>(sections);
        this.feedback = new HashMap<>(feedback);
        this.storyRubrics = new HashMap<>(storyRubrics);
    }

    public static OpenEvidence empty() {
        return of(CandidateEvidence.NONE);
    }

    public static OpenEvidence of(CandidateEvidence evidence) {
        return new OpenEvidence(evidence.sequence(), evidence.sections(), evidence.feedback(), evidence.storyRubrics());
    }

    /** Another open value with the same evidence, changed independently of this one from now on. */
    public OpenEvidence copy() {
        return new OpenEvidence(sequence, sections, feedback, storyRubrics);
    }

    /** The last event folded in. */
    public long sequence() {
        return sequence;
    }

    public CandidateEvidence evidence() {
        return new CandidateEvidence(sequence, sections, feedback, storyRubrics);
    }
}
