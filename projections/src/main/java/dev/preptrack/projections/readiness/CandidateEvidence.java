package dev.preptrack.projections.readiness;

import java.util.Map;

/**
 * A candidate's readiness evidence: per rubric section (and again per story and section, for
 * the story roll-up), per feedback item, and the rubric of each story (to place feedback that
 * names only its story). {@code sequence} is the last event folded in; an event at or below it
 * is a redelivery and changes nothing.
 */
public record CandidateEvidence(long sequence, Map<String, SectionEvidence> sections,
        Map<String, FeedbackEvidence> feedback, Map<String, String> storyRubrics) {

    public static final CandidateEvidence NONE = new CandidateEvidence(0, Map.of(), Map.of(), Map.of());

    public CandidateEvidence {
        sections = Map.copyOf(sections);
        feedback = Map.copyOf(feedback);
        storyRubrics = Map.copyOf(storyRubrics);
    }

    public SectionEvidence section(String rubric, String section) {
        return sections.getOrDefault(key(rubric, section), SectionEvidence.NONE);
    }

    /** Evidence from the attempts on one story only; {@code storyId} null means all attempts. */
    public SectionEvidence section(String rubric, String section, String storyId) {
        return sections.getOrDefault(key(rubric, section, storyId), SectionEvidence.NONE);
    }

    /** The stories practised at least once, by id, with their rubric, in id order. */
    public java.util.SortedMap<String, String> practisedStories() {
        var stories = new java.util.TreeMap<String, String>();
        for (String key : sections.keySet()) {
            int at = key.indexOf(STORY);
            if (at > 0) {
                stories.put(key.substring(at + 1), key.substring(0, key.indexOf('/')));
            }
        }
        return stories;
    }

    /** The latest event time the evidence knows of (epoch when empty). */
    public java.time.Instant latestEventTime() {
        java.time.Instant latest = java.time.Instant.EPOCH;
        for (var section : sections.values()) {
            latest = SectionEvidence.latest(SectionEvidence.latest(latest, section.lastPracticedAt()),
                    section.weightMass().reference());
        }
        for (var item : feedback.values()) {
            latest = SectionEvidence.latest(SectionEvidence.latest(SectionEvidence.latest(SectionEvidence.latest(latest,
                    item.receivedAt()), item.addressedAt()), item.wontFixAt()), item.reopenedAt());
        }
        return latest;
    }

    private static final char STORY = '@';

    static String key(String rubric, String section) {
        return rubric + "/" + section;
    }

    static String key(String rubric, String section, String storyId) {
        return storyId == null ? key(rubric, section) : key(rubric, section) + STORY + storyId;
    }
}
