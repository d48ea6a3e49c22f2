package dev.preptrack.projections.topology;

import dev.preptrack.outputs.EmergingTheme;
import dev.preptrack.outputs.ReadinessSnapshot;
import dev.preptrack.outputs.RubricScore;
import dev.preptrack.outputs.SectionScore;
import dev.preptrack.outputs.StoryScore;
import dev.preptrack.outputs.ThemeCount;
import dev.preptrack.outputs.ThemesSnapshot;
import dev.preptrack.projections.CandidateFeedback;
import dev.preptrack.projections.FeedbackItemView;
import dev.preptrack.projections.ReadinessEvidence;
import dev.preptrack.projections.readiness.CandidateEvidence;
import dev.preptrack.projections.readiness.EvidenceCodec;
import dev.preptrack.projections.readiness.ReadinessReport;
import dev.preptrack.projections.readiness.RubricReadiness;
import dev.preptrack.projections.readiness.SectionEvidence;
import dev.preptrack.projections.themes.ThemesReport;
import dev.preptrack.rules.Rules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;

/**
 * What the projections publish to their compacted output topics: each candidate's readiness
 * and themes evaluated as of the latest moment their folded history names (the latest practice,
 * feedback, edit, triage or correction), so that nothing folded in is left out. That instant comes
 * from the folded value itself, not from the event that changed it or a clock: a snapshot is a pure
 * function of the value and the rules, the same whether it follows a live event or a rebuild's
 * catching up ({@link OutputGate}).
 */
public final class Outputs {

    private Outputs() {
    }

    public static ReadinessSnapshot readiness(String candidateId, ReadinessEvidence evidence, Rules rules) {
        CandidateEvidence folded = EvidenceCodec.fromRecord(evidence);
        Instant asOf = folded.latestEventTime();
        var report = ReadinessReport.of(folded, rules, asOf, null);
        var stories = report.stories().stream()
                .map(story -> new StoryScore(story.storyId(), rubric(story.readiness()))).toList();
        return new ReadinessSnapshot(candidateId, rules.version(), evidence.getSequence(), asOf,
                report.rubrics().stream().map(Outputs::rubric).toList(), new ArrayList<>(stories));
    }

    public static ThemesSnapshot themes(String candidateId, CandidateFeedback feedback, Rules rules) {
        Instant asOf = latestNamed(feedback);
        var report = ThemesReport.of(feedback, rules.themes(), asOf);
        return new ThemesSnapshot(candidateId, rules.version(), feedback.getSequence(), asOf,
                // Criticism then strengths: the topic's readers had praise among the themes before they were apart.
                java.util.stream.Stream.concat(report.themes().stream(), report.strengths().stream())
                        .map(t -> new ThemeCount(t.theme(), t.count(), t.sources(), t.sessions(),
                        t.recurring(), t.open(), t.addressed(), t.firstSeen(), t.lastSeen(), t.trend(),
                        t.examples().stream().map(ThemesReport.Example::feedbackId).toList())).toList(),
                report.emerging().stream().map(c -> new EmergingTheme(c.label(), c.count(),
                        c.examples().stream().map(ThemesReport.Example::feedbackId).toList())).toList());
    }

    /** The latest instant the feedback log names: an item given, addressed, triaged or corrected, or an attempt. */
    static Instant latestNamed(CandidateFeedback feedback) {
        Instant latest = Instant.EPOCH;
        for (Instant attempt : feedback.getLastAttemptAt().values()) {
            latest = SectionEvidence.latest(latest, attempt);
        }
        for (FeedbackItemView item : feedback.getItems().values()) {
            latest = SectionEvidence.latest(latest, item.getOccurredAt());
            for (var addressed : item.getAddressedBy()) {
                latest = SectionEvidence.latest(latest, addressed.getOccurredAt());
            }
            if (item.getTriage() != null) {
                latest = SectionEvidence.latest(latest, item.getTriage().getOccurredAt());
            }
            if (item.getCorrection() != null) {
                latest = SectionEvidence.latest(latest, item.getCorrection().getOccurredAt());
            }
        }
        return latest;
    }

    private static RubricScore rubric(RubricReadiness rubric) {
        return new RubricScore(rubric.rubric(), rubric.score(), rubric.level(), rubric.sections().stream()
                .map(s -> new SectionScore(s.section(), s.score(), s.level(), new HashMap<>(s.components()),
                        s.reasons(), s.attempts(), s.lastPracticedAt(), s.overBudgetSeconds()))
                .toList());
    }
}
