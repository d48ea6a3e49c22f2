package dev.preptrack.projections.readiness;

import dev.preptrack.domain.event.FeedbackReceived;
import java.time.Instant;
import java.util.Locale;

/**
 * A feedback item tied to a rubric section, with what has been done about it. Every "when"
 * is the latest such event, so the status does not depend on arrival order.
 *
 * @param storyId the story it is about, if any (gives the rubric when the item names none)
 * @param score the giver's score (1–5), or null
 * @param role who gave it; null while only what was done about the item is known (events may arrive out of order)
 * @param addressedAt latest story edit or triage that says it is addressed
 * @param wontFixAt latest triage that says it will not be acted on
 * @param reopenedAt latest triage that reopened it
 * @param asksForChange false when the classifier's themes ask for no change (praise)
 * @param correction the latest correction of its themes (by when it was made), which decides instead; or null
 */
public record FeedbackEvidence(
        String feedbackId, String storyId, String rubric, String section, Integer score, FeedbackReceived.Source.Role role, Instant receivedAt,
        Instant addressedAt, Instant wontFixAt, Instant reopenedAt, boolean asksForChange, Correction correction) {

    /** A person said which themes the item carries: whether those ask for a change, and when they said it. */
    public record Correction(Instant at, boolean asksForChange) {

        /** The later of two corrections; of two at the same instant, the one asking for a change (so order cannot matter). */
        static Correction latest(Correction a, Correction b) {
            if (a == null || b == null) {
                return a == null ? b : a;
            }
            int byTime = a.at().compareTo(b.at());
            return byTime != 0 ? (byTime > 0 ? a : b) : (a.asksForChange() ? a : b);
        }
    }

    FeedbackEvidence corrected(Correction by) {
        return new FeedbackEvidence(feedbackId, storyId, rubric, section, score, role, receivedAt, addressedAt, wontFixAt,
                reopenedAt, asksForChange, Correction.latest(correction, by));
    }

    /** Whether it asks for a change: as a person corrected it, else as the classifier read it. */
    boolean asksForAChange() {
        return correction != null ? correction.asksForChange() : asksForChange;
    }

    FeedbackEvidence addressed(Instant at) {
        return new FeedbackEvidence(feedbackId, storyId, rubric, section, score, role, receivedAt,
                SectionEvidence.latest(addressedAt, at), wontFixAt, reopenedAt, asksForChange, correction);
    }

    FeedbackEvidence wontFix(Instant at) {
        return new FeedbackEvidence(feedbackId, storyId, rubric, section, score, role, receivedAt, addressedAt,
                SectionEvidence.latest(wontFixAt, at), reopenedAt, asksForChange, correction);
    }

    FeedbackEvidence reopened(Instant at) {
        return new FeedbackEvidence(feedbackId, storyId, rubric, section, score, role, receivedAt, addressedAt, wontFixAt,
                SectionEvidence.latest(reopenedAt, at), asksForChange, correction);
    }

    /**
     * Critical: scored at most the rules' critical score, or unscored and not praise (an
     * unscored remark asks for a change unless all its themes ask for none; a low score always
     * does, whatever the words).
     */
    boolean critical(int criticalMaxScore) {
        return score == null ? asksForAChange() : score <= criticalMaxScore;
    }

    /**
     * Open unless the latest decision closes it: won't fix, or addressed and then confirmed by
     * a repetition of its section after the fix. A reopening at or after the latest close wins.
     */
    boolean open(Instant sectionLastPracticedAt) {
        Instant latestClose = SectionEvidence.latest(addressedAt, wontFixAt);
        if (latestClose == null || reopenedAt != null && !reopenedAt.isBefore(latestClose)) {
            return true;
        }
        if (wontFixAt != null && (addressedAt == null || !wontFixAt.isBefore(addressedAt))) {
            return false;
        }
        return sectionLastPracticedAt == null || !sectionLastPracticedAt.isAfter(addressedAt);
    }

    /** Whether a coach or an interviewer gave it: an assessor, whose scores weigh more than a self-score. */
    boolean fromAnAssessor() {
        return role == FeedbackReceived.Source.Role.COACH || role == FeedbackReceived.Source.Role.INTERVIEWER;
    }

    /** The giver's role as the rules name it ({@code coach}); null until the item itself has been folded. */
    String ruleName() {
        return role == null ? null : role.name().toLowerCase(Locale.ROOT);
    }
}
