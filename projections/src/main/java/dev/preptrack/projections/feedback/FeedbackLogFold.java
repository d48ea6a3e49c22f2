package dev.preptrack.projections.feedback;

import dev.preptrack.domain.event.AccessGranted;
import dev.preptrack.domain.event.AccessRevoked;
import dev.preptrack.domain.event.Event;
import dev.preptrack.domain.event.FeedbackReceived;
import dev.preptrack.domain.event.FeedbackThemeNamed;
import dev.preptrack.domain.event.FeedbackThemesCorrected;
import dev.preptrack.domain.event.FeedbackTriaged;
import dev.preptrack.domain.event.Payload;
import dev.preptrack.domain.event.PracticeAttemptLogged;
import dev.preptrack.domain.event.StoryCreated;
import dev.preptrack.domain.event.StoryEdited;
import dev.preptrack.domain.event.StoryRetired;
import dev.preptrack.projections.AddressedBy;
import dev.preptrack.projections.CandidateFeedback;
import dev.preptrack.projections.CorrectionView;
import dev.preptrack.projections.FeedbackItemView;
import dev.preptrack.projections.ThemeEvidenceView;
import dev.preptrack.projections.TriageView;
import dev.preptrack.projections.themes.ThemeClassifier;
import dev.preptrack.rules.ThemeRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A candidate's feedback as a pure fold: each item as given with the themes the rules assign
 * it and why (the clause and pattern behind each theme), the story edits that say they address
 * it, its latest triage (latest by when it was decided, so a backdated triage does not override
 * a newer one), and when each story was last practised (the maximum, so arrival order does not
 * matter). Events already folded (by sequence) are skipped.
 *
 * <p>A person's correction of an item's themes replaces what the classifier said, for that item,
 * and teaches the candidate's later items: one whose content words are like a corrected item's
 * (Jaccard at least {@code themes.corrections.similarity}) takes that item's themes, the most
 * similar first, ties to the later correction. Only items folded after a correction learn from
 * it, so a replay of the same log teaches the same items.
 */
public final class FeedbackLogFold {

    private final ThemeClassifier classifier;

    public static CandidateFeedback empty() {
        return new CandidateFeedback(0L, new HashMap<>(), new HashMap<>(), new HashMap<>());
    }

    private final ThemeRules rules;

    public FeedbackLogFold(ThemeClassifier classifier, ThemeRules rules) {
        this.classifier = classifier;
        this.rules = rules;
    }

    /** The fold of a rules version's themes: its classifier, and how far a correction carries. */
    public static FeedbackLogFold forRules(ThemeRules rules) {
        return new FeedbackLogFold(ThemeClassifier.forRules(rules), rules);
    }

    public CandidateFeedback apply(CandidateFeedback current, Event event) {
        CandidateFeedback state = current == null ? empty() : current;
        if (event.sequence() <= state.getSequence()) {
            return state;
        }
        // A copy: the value passed in is never changed.
        var next = CandidateFeedback.newBuilder(state).build();
        applyInPlace(next, event);
        return next;
    }

    /**
     * The same fold, changing {@code state} itself (one only the caller holds: a rebuild's, which
     * would otherwise copy a year of feedback for every event); false, and nothing changed, for an
     * event already folded in. An ignored event still advances the position readers wait for.
     */
    public boolean applyInPlace(CandidateFeedback state, Event event) {
        if (event.sequence() <= state.getSequence()) {
            return false;
        }
        state.setSequence(event.sequence());
        event.payload().accept(new Step(state, event.occurredAt(), event.actor().id()));
        return true;
    }

    /** One event's change to a feedback log that is already at the event's sequence. */
    private final class Step implements Payload.Visitor<CandidateFeedback> {
        private final CandidateFeedback next;
        private final Instant at;
        private final String actor;

        Step(CandidateFeedback next, Instant at, String actor) {
            this.next = next;
            this.at = at;
            this.actor = actor;
        }

        @Override
        public CandidateFeedback feedbackReceived(FeedbackReceived received) {
            ThemeClassifier.Classification classification = classifier.classify(received.text());
            Optional<FeedbackItemView> like = CorrectedExamples.nearest(next.getItems().values(), received.text(),
                    rules.corrections().similarity());
            List<String> themes = like.map(example -> new ArrayList<>(example.getThemes()))
                    .orElseGet(() -> new ArrayList<>(classification.themes()));
            List<ThemeEvidenceView> why = like.map(example -> learned(example, received.text()))
                    .orElseGet(() -> why(classification));
            next.getItems().put(received.feedbackId(), FeedbackItemView.newBuilder()
                    .setFeedbackId(received.feedbackId())
                    .setText(received.text())
                    .setSourceName(received.source().name())
                    .setSourceRole(received.source().role().name().toLowerCase(Locale.ROOT))
                    .setOccurredAt(at)
                    .setAttemptId(received.attemptId())
                    .setStoryId(received.storyId())
                    .setRubric(received.rubric())
                    .setSection(received.section())
                    .setScore(received.score())
                    .setThemes(themes)
                    .setWhy(why)
                    .setLearnedFrom(like.map(FeedbackItemView::getFeedbackId).orElse(null))
                    .setAddressedBy(new ArrayList<>())
                    .setTriage(null)
                    .build());
            return next;
        }

        @Override
        public CandidateFeedback storyEdited(StoryEdited edited) {
            for (String feedbackId : edited.feedbackAddressed()) {
                FeedbackItemView item = next.getItems().get(feedbackId);
                if (item != null) {
                    item.getAddressedBy().add(new AddressedBy(edited.storyId(), edited.newVersion(), at));
                }
            }
            return next;
        }

        @Override
        public CandidateFeedback attemptLogged(PracticeAttemptLogged attempt) {
            if (attempt.storyId() != null) {
                next.getLastAttemptAt().merge(attempt.storyId(), at, (a, b) -> a.isAfter(b) ? a : b);
            }
            return next;
        }

        @Override
        public CandidateFeedback feedbackTriaged(FeedbackTriaged triaged) {
            FeedbackItemView item = next.getItems().get(triaged.feedbackId());
            if (item != null && (item.getTriage() == null || !at.isBefore(item.getTriage().getOccurredAt()))) {
                item.setTriage(new TriageView(triaged.decision().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                        at, triaged.note()));
            }
            return next;
        }

        /** The item now carries what a person said; why says so, with their note. */
        @Override
        public CandidateFeedback themesCorrected(FeedbackThemesCorrected corrected) {
            FeedbackItemView item = next.getItems().get(corrected.feedbackId());
            if (item != null && supersedes(item, corrected.themes())) {
                correct(item, corrected.themes(), corrected.note(), "corrected by " + actor);
            }
            return next;
        }

        /**
         * A theme of the candidate's own: each named item is corrected to it (so it is also a labelled
         * example for later items), and the latest title given is the theme's.
         */
        @Override
        public CandidateFeedback themeNamed(FeedbackThemeNamed named) {
            next.getNamedThemes().put(named.theme(), named.title());
            List<String> themes = List.of(named.theme());
            for (String feedbackId : named.feedbackIds()) {
                FeedbackItemView item = next.getItems().get(feedbackId);
                if (item != null && supersedes(item, themes)) {
                    correct(item, themes, named.note(), "named '" + named.title() + "' by " + actor);
                }
            }
            return next;
        }

        private void correct(FeedbackItemView item, List<String> themes, String note, String by) {
            item.setThemes(new ArrayList<>(themes));
            List<ThemeEvidenceView> why = new ArrayList<>();
            for (String theme : themes) {
                why.add(new ThemeEvidenceView(theme, note == null ? "" : note, by));
            }
            item.setWhy(why);
            item.setCorrection(new CorrectionView(at, actor, note));
            item.setLearnedFrom(null);
        }

        /**
         * The latest correction by when it was made wins, like a triage: a backdated one does not undo
         * a newer one. Of two made at the same instant, one asking for a change wins over one that
         * does not (as the readiness fold decides, whatever the order), else the later in the log.
         */
        private boolean supersedes(FeedbackItemView item, List<String> themes) {
            if (item.getCorrection() == null) {
                return true;
            }
            int byTime = at.compareTo(item.getCorrection().getOccurredAt());
            if (byTime != 0) {
                return byTime > 0;
            }
            return !rules.asksForNoChange(themes) || rules.asksForNoChange(item.getThemes());
        }

        @Override
        public CandidateFeedback storyCreated(StoryCreated created) {
            return next;
        }

        @Override
        public CandidateFeedback storyRetired(StoryRetired retired) {
            return next;
        }

        @Override
        public CandidateFeedback accessGranted(AccessGranted granted) {
            return next;
        }

        @Override
        public CandidateFeedback accessRevoked(AccessRevoked revoked) {
            return next;
        }
    }

    /** Why an item took a corrected item's themes: the words they share. */
    private static List<ThemeEvidenceView> learned(FeedbackItemView example, String text) {
        String shared = String.join(" ", CorrectedExamples.sharedWords(example.getText(), text));
        List<ThemeEvidenceView> why = new ArrayList<>();
        for (String theme : example.getThemes()) {
            why.add(new ThemeEvidenceView(theme, shared, "like corrected item " + example.getFeedbackId()));
        }
        return why;
    }

    /**
     * The classifier's own answers kept in a feedback log, text → classification: each item's
     * themes and why as {@link Step#feedbackReceived} set them from {@link ThemeClassifier#classify},
     * leaving out items whose themes a person corrected or that learned them from a correction.
     */
    public static void classificationsIn(CandidateFeedback log, Map<String, ThemeClassifier.Classification> into) {
        for (FeedbackItemView item : log.getItems().values()) {
            if (item.getCorrection() != null || item.getLearnedFrom() != null) {
                continue;
            }
            List<ThemeClassifier.Evidence> evidence = new ArrayList<>(item.getWhy().size());
            for (ThemeEvidenceView why : item.getWhy()) {
                evidence.add(new ThemeClassifier.Evidence(why.getTheme(), why.getClause(), why.getPattern()));
            }
            into.putIfAbsent(item.getText(), new ThemeClassifier.Classification(List.copyOf(item.getThemes()),
                    List.copyOf(evidence)));
        }
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
