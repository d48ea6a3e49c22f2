package dev.preptrack.projections.readiness;

import java.util.Map;

/**
 * A candidate's readiness evidence: per rubric section, per feedback item, and the rubric of
 * each story (to place feedback that names only its story). {@code sequence} is the last
 * event folded in; an event at or below it is a redelivery and changes nothing.
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

    static String key(String rubric, String section) {
        return rubric + "/" + section;
    }
}
