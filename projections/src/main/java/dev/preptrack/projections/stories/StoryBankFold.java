package dev.preptrack.projections.stories;

import dev.preptrack.events.Envelope;
import dev.preptrack.events.FeedbackReceived;
import dev.preptrack.events.PracticeAttemptLogged;
import dev.preptrack.events.StoryCreated;
import dev.preptrack.events.StoryEdited;
import dev.preptrack.events.StoryRetired;
import dev.preptrack.projections.CandidateStories;
import dev.preptrack.projections.FeedbackScoreView;
import dev.preptrack.projections.StoryAttemptView;
import dev.preptrack.projections.StoryVersionView;
import dev.preptrack.projections.StoryView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;

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

    public static CandidateStories apply(CandidateStories current, Envelope event) {
        CandidateStories state = current == null ? empty() : current;
        if (event.getSequence() <= state.getSequence()) {
            return state;
        }
        var next = CandidateStories.newBuilder(state).setSequence(event.getSequence()).build();
        Object payload = event.getPayload();
        if (payload instanceof StoryCreated created) {
            next.getStories().put(created.getStoryId(), StoryView.newBuilder()
                    .setStoryId(created.getStoryId())
                    .setTitle(created.getTitle())
                    .setRubric(created.getRubric())
                    .setTags(new ArrayList<>(created.getTags()))
                    .setVersion(1)
                    .setRetired(false)
                    .setSections(new HashMap<>(created.getSections()))
                    .setVersions(new ArrayList<>(List.of(new StoryVersionView(1, event.getOccurredAt(),
                            sorted(created.getSections().keySet()), List.of(), null, new ArrayList<>()))))
                    .build());
        } else if (payload instanceof StoryEdited edited) {
            StoryView story = next.getStories().get(edited.getStoryId());
            if (story != null) {
                story.getSections().putAll(edited.getChangedSections());
                story.setVersion(edited.getNewVersion());
                story.getVersions().add(new StoryVersionView(edited.getNewVersion(), event.getOccurredAt(),
                        sorted(edited.getChangedSections().keySet()), new ArrayList<>(edited.getFeedbackAddressed()),
                        edited.getNote(), new ArrayList<>()));
            }
        } else if (payload instanceof PracticeAttemptLogged attempt && attempt.getStoryId() != null) {
            StoryView story = next.getStories().get(attempt.getStoryId());
            int version = attempt.getStoryVersion() != null ? attempt.getStoryVersion() : story == null ? 0 : story.getVersion();
            versionOf(story, version).ifPresent(v -> v.getAttempts().add(new StoryAttemptView(attempt.getAttemptId(),
                    event.getOccurredAt(), attempt.getMode().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    attempt.getSelfScore(), new ArrayList<>())));
        } else if (payload instanceof FeedbackReceived feedback && feedback.getScore() != null
                && feedback.getAttemptId() != null && feedback.getStoryId() != null) {
            StoryView story = next.getStories().get(feedback.getStoryId());
            if (story != null) {
                story.getVersions().stream().flatMap(v -> v.getAttempts().stream())
                        .filter(a -> a.getAttemptId().equals(feedback.getAttemptId())).findFirst()
                        .ifPresent(a -> a.getFeedbackScores().add(new FeedbackScoreView(feedback.getFeedbackId(),
                                feedback.getSource().getRole().name().toLowerCase(Locale.ROOT), feedback.getScore())));
            }
        } else if (payload instanceof StoryRetired retired) {
            StoryView story = next.getStories().get(retired.getStoryId());
            if (story != null) {
                story.setRetired(true);
            }
        }
        return next;
    }

    private static java.util.Optional<StoryVersionView> versionOf(StoryView story, int version) {
        return story == null ? java.util.Optional.empty()
                : story.getVersions().stream().filter(v -> v.getVersion() == version).findFirst();
    }

    private static List<String> sorted(java.util.Set<String> keys) {
        return keys.stream().sorted().toList();
    }
}
