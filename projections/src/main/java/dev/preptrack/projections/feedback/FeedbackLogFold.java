package dev.preptrack.projections.feedback;

import dev.preptrack.events.Envelope;
import dev.preptrack.events.FeedbackReceived;
import dev.preptrack.events.FeedbackTriaged;
import dev.preptrack.events.PracticeAttemptLogged;
import dev.preptrack.events.StoryEdited;
import dev.preptrack.projections.AddressedBy;
import dev.preptrack.projections.CandidateFeedback;
import dev.preptrack.projections.FeedbackItemView;
import dev.preptrack.projections.ThemeEvidenceView;
import dev.preptrack.projections.TriageView;
import dev.preptrack.projections.themes.ThemeClassifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;

/**
 * A candidate's feedback as a pure fold: each item as given with the themes the rules assign
 * it and why (the clause and pattern behind each theme), the story edits that say they address
 * it, its latest triage (latest by when it was decided, so a backdated triage does not override
 * a newer one), and when each story was last practised (the maximum, so arrival order does not
 * matter). Events already folded (by sequence) are skipped.
 */
public final class FeedbackLogFold {

    private final ThemeClassifier classifier;

    public FeedbackLogFold(ThemeClassifier classifier) {
        this.classifier = classifier;
    }

    public static CandidateFeedback empty() {
        return new CandidateFeedback(0L, new HashMap<>(), new HashMap<>());
    }

    public CandidateFeedback apply(CandidateFeedback current, Envelope event) {
        CandidateFeedback state = current == null ? empty() : current;
        if (event.getSequence() <= state.getSequence()) {
            return state;
        }
        var next = CandidateFeedback.newBuilder(state).setSequence(event.getSequence()).build();
        Object payload = event.getPayload();
        if (payload instanceof FeedbackReceived received) {
            ThemeClassifier.Classification classification = classifier.classify(received.getText());
            next.getItems().put(received.getFeedbackId(), FeedbackItemView.newBuilder()
                    .setFeedbackId(received.getFeedbackId())
                    .setText(received.getText())
                    .setSourceName(received.getSource().getName())
                    .setSourceRole(received.getSource().getRole().name().toLowerCase(Locale.ROOT))
                    .setOccurredAt(event.getOccurredAt())
                    .setAttemptId(received.getAttemptId())
                    .setStoryId(received.getStoryId())
                    .setRubric(received.getRubric())
                    .setSection(received.getSection())
                    .setScore(received.getScore())
                    .setThemes(new ArrayList<>(classification.themes()))
                    .setWhy(why(classification))
                    .setAddressedBy(new ArrayList<>())
                    .setTriage(null)
                    .build());
        } else if (payload instanceof StoryEdited edited) {
            for (String feedbackId : edited.getFeedbackAddressed()) {
                FeedbackItemView item = next.getItems().get(feedbackId);
                if (item != null) {
                    item.getAddressedBy().add(new AddressedBy(edited.getStoryId(), edited.getNewVersion(),
                            event.getOccurredAt()));
                }
            }
        } else if (payload instanceof PracticeAttemptLogged attempt && attempt.getStoryId() != null) {
            next.getLastAttemptAt().merge(attempt.getStoryId(), event.getOccurredAt(),
                    (a, b) -> a.isAfter(b) ? a : b);
        } else if (payload instanceof FeedbackTriaged triaged) {
            FeedbackItemView item = next.getItems().get(triaged.getFeedbackId());
            if (item != null && (item.getTriage() == null
                    || !event.getOccurredAt().isBefore(item.getTriage().getOccurredAt()))) {
                item.setTriage(new TriageView(triaged.getDecision().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                        event.getOccurredAt(), triaged.getNote()));
            }
        }
        return next;
    }

    /** The evidence for each assigned theme, kept with the item so that a read never classifies the text again. */
    private static List<ThemeEvidenceView> why(ThemeClassifier.Classification classification) {
        List<ThemeEvidenceView> why = new ArrayList<>();
        for (ThemeClassifier.Evidence evidence : classification.evidence()) {
            if (classification.themes().contains(evidence.theme())) {
                why.add(new ThemeEvidenceView(evidence.theme(), evidence.clause(), evidence.pattern()));
            }
        }
        return why;
    }
}
