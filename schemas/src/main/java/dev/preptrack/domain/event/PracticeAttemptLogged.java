package dev.preptrack.domain.event;

import java.util.List;
import java.util.Objects;

/**
 * A practice attempt: which story and version was rehearsed (both null for a free answer),
 * against which rubric, how, and per section the seconds spoken and a self-score. {@code prompt}
 * and {@code selfScore} are null when not given.
 */
public record PracticeAttemptLogged(String attemptId, String storyId, Integer storyVersion, String rubric,
        String prompt, Mode mode, Integer selfScore, List<SectionPractice> sections) implements Payload {

    public PracticeAttemptLogged {
        Objects.requireNonNull(attemptId, "attemptId");
        Objects.requireNonNull(rubric, "rubric");
        Objects.requireNonNull(mode, "mode");
        sections = List.copyOf(sections);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.attemptLogged(this);
    }

    /** How an attempt was run. */
    public enum Mode {
        SOLO, PEER_MOCK, COACH_MOCK, INTERVIEW
    }

    /**
     * One rubric section of an attempt.
     *
     * @param seconds time spent; 0 means the section was not reached
     * @param selfScore 1 to 5, or null
     */
    public record SectionPractice(String section, int seconds, Integer selfScore) {

        public SectionPractice {
            Objects.requireNonNull(section, "section");
        }
    }
}
