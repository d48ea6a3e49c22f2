package dev.preptrack.projections.topology;

import dev.preptrack.domain.event.Event;
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
 * and themes evaluated as of the moment the latest event folded in was recorded — or later, if
 * something folded in is dated later (writes accept a day of clock skew), so that nothing folded
 * in is left out. That instant comes from the events, not a clock, so the output is a pure
 * function of the log and the rules.
 */
public final class Outputs {

    private Outputs() {
    }

    public static ReadinessSnapshot readiness(ReadinessEvidence evidence, Event latest, Rules rules) {
        CandidateEvidence folded = EvidenceCodec.fromRecord(evidence);
        Instant asOf = SectionEvidence.latest(latest.recordedAt(), folded.latestEventTime());
        var report = ReadinessReport.of(folded, rules, asOf, null);
        var stories = report.stories().stream()
                .map(story -> new StoryScore(story.storyId(), rubric(story.readiness()))).toList();
        return new ReadinessSnapshot(latest.candidateId(), rules.version(), evidence.getSequence(), asOf,
                report.rubrics().stream().map(Outputs::rubric).toList(), new ArrayList<>(stories));
    }

    public static ThemesSnapshot themes(CandidateFeedback feedback, Event latest, Rules rules) {
        Instant asOf = latest.recordedAt();
        for (FeedbackItemView item : feedback.getItems().values()) {
            asOf = SectionEvidence.latest(asOf, item.getOccurredAt());
        }
        var report = ThemesReport.of(feedback, rules.themes(), asOf);
        return new ThemesSnapshot(latest.candidateId(), rules.version(), feedback.getSequence(), asOf,
                // Criticism then strengths: the topic's readers had praise among the themes before they were apart.
                java.util.stream.Stream.concat(report.themes().stream(), report.strengths().stream())
                        .map(t -> new ThemeCount(t.theme(), t.count(), t.sources(), t.sessions(),
                        t.recurring(), t.open(), t.addressed(), t.firstSeen(), t.lastSeen(), t.trend(),
                        t.examples().stream().map(ThemesReport.Example::feedbackId).toList())).toList(),
                report.emerging().stream().map(c -> new EmergingTheme(c.label(), c.count(),
                        c.examples().stream().map(ThemesReport.Example::feedbackId).toList())).toList());
    }

    private static RubricScore rubric(RubricReadiness rubric) {
        return new RubricScore(rubric.rubric(), rubric.score(), rubric.level(), rubric.sections().stream()
                .map(s -> new SectionScore(s.section(), s.score(), s.level(), new HashMap<>(s.components()),
                        s.reasons(), s.attempts(), s.lastPracticedAt(), s.overBudgetSeconds()))
                .toList());
    }
}
