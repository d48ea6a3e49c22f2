package dev.preptrack.projections.stories;

import dev.preptrack.events.Envelope;
import dev.preptrack.events.StoryCreated;
import dev.preptrack.events.StoryEdited;
import dev.preptrack.events.StoryRetired;
import dev.preptrack.projections.CandidateStories;
import dev.preptrack.projections.StoryVersionView;
import dev.preptrack.projections.StoryView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * A candidate's story bank as a pure fold over their events: each story's current sections
 * and every version with what it changed and the feedback it addressed.
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
                            sorted(created.getSections().keySet()), List.of(), null))))
                    .build());
        } else if (payload instanceof StoryEdited edited) {
            StoryView story = next.getStories().get(edited.getStoryId());
            if (story != null) {
                story.getSections().putAll(edited.getChangedSections());
                story.setVersion(edited.getNewVersion());
                story.getVersions().add(new StoryVersionView(edited.getNewVersion(), event.getOccurredAt(),
                        sorted(edited.getChangedSections().keySet()), new ArrayList<>(edited.getFeedbackAddressed()),
                        edited.getNote()));
            }
        } else if (payload instanceof StoryRetired retired) {
            StoryView story = next.getStories().get(retired.getStoryId());
            if (story != null) {
                story.setRetired(true);
            }
        }
        return next;
    }

    private static List<String> sorted(java.util.Set<String> keys) {
        return keys.stream().sorted().toList();
    }
}
