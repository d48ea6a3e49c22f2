package dev.preptrack.tracker.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the single writer keeps about a candidate to decide the next command: the last
 * sequence it assigned, the id of the event at that sequence, and each story's rubric, version
 * and state. Small on purpose: what grows with history (attempt and feedback ids, answered
 * commands) is looked up item by item.
 *
 * @param lastEventId the id of the event at {@code sequence}, so a restore can tell whether a file
 *     continues this history; null before any event, and for models kept before it was
 */
public record WriteModel(long sequence, Map<String, StoryState> stories, String lastEventId) {

    public static final WriteModel EMPTY = new WriteModel(0, Map.of(), null);

    public WriteModel {
        stories = Collections.unmodifiableMap(new HashMap<>(stories));
    }

    public Optional<StoryState> story(String storyId) {
        return Optional.ofNullable(storyId).map(stories::get);
    }

    WriteModel next(long nextSequence, String eventId, String storyId, StoryState story) {
        var changed = new HashMap<>(stories);
        if (storyId != null) {
            changed.put(storyId, story);
        }
        return new WriteModel(nextSequence, changed, eventId);
    }

    /**
     * A story as the writer knows it.
     *
     * @param createdAt when it was first written; null for stories recorded before this was kept
     */
    public record StoryState(String rubric, int version, boolean retired, Instant createdAt) {

        StoryState edited(int newVersion) {
            return new StoryState(rubric, newVersion, retired, createdAt);
        }

        StoryState retire() {
            return new StoryState(rubric, version, true, createdAt);
        }
    }
}
