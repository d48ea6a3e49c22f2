package dev.preptrack.projections.stories;

import dev.preptrack.domain.event.AccessGranted;
import dev.preptrack.domain.event.AccessRevoked;
import dev.preptrack.domain.event.Event;
import dev.preptrack.domain.event.FeedbackReceived;
import dev.preptrack.domain.event.FeedbackTriaged;
import dev.preptrack.domain.event.Payload;
import dev.preptrack.domain.event.PracticeAttemptLogged;
import dev.preptrack.domain.event.StoryCreated;
import dev.preptrack.domain.event.StoryEdited;
import dev.preptrack.domain.event.StoryRetired;
import dev.preptrack.projections.CandidateStories;
import dev.preptrack.projections.FeedbackScoreView;
import dev.preptrack.projections.StoryAttemptView;
import dev.preptrack.projections.StoryVersionView;
import dev.preptrack.projections.StoryView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A candidate's story bank as a pure fold over their events: each story's current sections
 * and every version with what it changed, the feedback it addressed, and the attempts made on
 * it with their self-scores and the scores feedback gave them.
 *
 * <p>An event at or below the sequence already folded is skipped, so delivering an event
 * twice (a restart between processing and committing) changes nothing: the fold is exactly
 * once in effect without paying for exactly-once processing.
 */
public final class StoryBankFold {

    private StoryBankFold() {
    }

    public static CandidateStories empty() {
        return new CandidateStories(0L, new HashMap<>());
    }

    public static CandidateStories apply(CandidateStories current, Event event) {
        CandidateStories state = current == null ? empty() : current;
        if (event.sequence() <= state.getSequence()) {
            return state;
        }
        // A copy: the value passed in (the store's) is never changed.
        var next = CandidateStories.newBuilder(state).build();
        applyInPlace(next, event);
        return next;
    }

    /**
     * The same fold, changing {@code state} itself (one only the caller holds: a rebuild's, which
     * would otherwise copy every version of every story for every event); false, and nothing
     * changed, for an event already folded in. An event the bank ignores still advances its
     * sequence, which is the position readers wait for.
     */
    public static boolean applyInPlace(CandidateStories state, Event event) {
        if (event.sequence() <= state.getSequence()) {
            return false;
        }
        state.setSequence(event.sequence());
        event.payload().accept(new Step(state, event.occurredAt()));
        return true;
    }

    /** One event's change to a bank that is already at the event's sequence. */
    private static final class Step implements Payload.Visitor<CandidateStories> {
        private final CandidateStories next;
        private final Instant at;

        Step(CandidateStories next, Instant at) {
            this.next = next;
            this.at = at;
        }

        @Override
        public CandidateStories storyCreated(StoryCreated created) {
            next.getStories().put(created.storyId(), StoryView.newBuilder()
                    .setStoryId(created.storyId())
                    .setTitle(created.title())
                    .setRubric(created.rubric())
                    .setTags(new ArrayList<>(created.tags()))
                    .setVersion(1)
                    .setRetired(false)
                    .setSections(new HashMap<>(created.sections()))
                    .setPrompt(created.prompt())
                    .setNotes(new ArrayList<>(created.notes()))
                    .setVersions(new ArrayList<>(List.of(new StoryVersionView(1, at,
                            sorted(created.sections().keySet()), List.of(), null, new ArrayList<>(),
                            new HashMap<>(created.sections())))))
                    .build());
            return next;
        }

        @Override
        public CandidateStories storyEdited(StoryEdited edited) {
            StoryView story = next.getStories().get(edited.storyId());
            if (story != null) {
                story.getSections().putAll(edited.changedSections());
                story.setVersion(edited.newVersion());
                story.getVersions().add(new StoryVersionView(edited.newVersion(), at,
                        sorted(edited.changedSections().keySet()), new ArrayList<>(edited.feedbackAddressed()),
                        edited.note(), new ArrayList<>(), new HashMap<>(edited.changedSections())));
            }
            return next;
        }

        @Override
        public CandidateStories storyRetired(StoryRetired retired) {
            StoryView story = next.getStories().get(retired.storyId());
            if (story != null) {
                story.setRetired(true);
            }
            return next;
        }

        @Override
        public CandidateStories attemptLogged(PracticeAttemptLogged attempt) {
            if (attempt.storyId() == null) {
                return next;
            }
            StoryView story = next.getStories().get(attempt.storyId());
            int version = attempt.storyVersion() != null ? attempt.storyVersion()
                    : story == null ? 0 : story.getVersion();
            versionOf(story, version).ifPresent(v -> v.getAttempts().add(new StoryAttemptView(attempt.attemptId(), at,
                    attempt.mode().name().toLowerCase(Locale.ROOT).replace('_', '-'), attempt.selfScore(),
                    new ArrayList<>())));
            return next;
        }

        @Override
        public CandidateStories feedbackReceived(FeedbackReceived feedback) {
            if (feedback.score() == null || feedback.attemptId() == null || feedback.storyId() == null) {
                return next;
            }
            StoryView story = next.getStories().get(feedback.storyId());
            if (story != null) {
                story.getVersions().stream().flatMap(v -> v.getAttempts().stream())
                        .filter(a -> a.getAttemptId().equals(feedback.attemptId())).findFirst()
                        .ifPresent(a -> a.getFeedbackScores().add(new FeedbackScoreView(feedback.feedbackId(),
                                feedback.source().role().name().toLowerCase(Locale.ROOT), feedback.score())));
            }
            return next;
        }

        @Override
        public CandidateStories feedbackTriaged(FeedbackTriaged triaged) {
            return next;
        }

        @Override
        public CandidateStories themesCorrected(dev.preptrack.domain.event.FeedbackThemesCorrected corrected) {
            return next;
        }

        @Override
        public CandidateStories themeNamed(dev.preptrack.domain.event.FeedbackThemeNamed named) {
            return next;
        }

        @Override
        public CandidateStories accessGranted(AccessGranted granted) {
            return next;
        }

        @Override
        public CandidateStories accessRevoked(AccessRevoked revoked) {
            return next;
        }
    }

    private static Optional<StoryVersionView> versionOf(StoryView story, int version) {
        return story == null ? Optional.empty()
                : story.getVersions().stream().filter(v -> v.getVersion() == version).findFirst();
    }

    private static List<String> sorted(Set<String> keys) {
        return keys.stream().sorted().toList();
    }
}
