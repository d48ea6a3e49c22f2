package dev.preptrack.tracker.domain;

import dev.preptrack.domain.event.Event;
import dev.preptrack.domain.event.FeedbackReceived;
import dev.preptrack.domain.event.FeedbackThemeNamed;
import dev.preptrack.domain.event.FeedbackTriaged;
import dev.preptrack.domain.event.OrderedMaps;
import dev.preptrack.domain.event.PracticeAttemptLogged;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a person asks the candidate's single writer to do: a closed set of intents, each the
 * proposal of one event. Every way in (HTTP, CLI, import) builds these; nothing here knows how
 * it arrived. Ids are never null by the time a command is decided: the application layer
 * derives the ones a client left out from the idempotency key. Names (rubric, sections) are as
 * a person wrote them; the decision resolves the rules' aliases.
 */
public sealed interface CandidateCommand {

    <R> R accept(Visitor<R> visitor);

    /** One method per command type, so that a new type fails to compile wherever it is not handled. */
    interface Visitor<R> {
        R createStory(CreateStory create);

        R editStory(EditStory edit);

        R retireStory(RetireStory retire);

        R logAttempt(LogAttempt attempt);

        R recordFeedback(RecordFeedback feedback);

        R triageFeedback(TriageFeedback triage);

        R correctThemes(CorrectThemes correct);

        R nameTheme(NameTheme name);

        R restoreEvents(RestoreEvents restore);
    }

    /** Write a new story against a rubric; {@code sections} maps section names to texts. */
    record CreateStory(String storyId, String title, String rubric, Map<String, String> sections, List<String> tags,
            String prompt, List<String> notes) implements CandidateCommand {
        public CreateStory {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(rubric, "rubric");
            sections = OrderedMaps.copyOf(sections);
            tags = List.copyOf(tags);
            notes = List.copyOf(notes);
        }

        /** A story with no prompt and no private notes. */
        public CreateStory(String storyId, String title, String rubric, Map<String, String> sections, List<String> tags) {
            this(storyId, title, rubric, sections, tags, null, List.of());
        }

        public CreateStory withStoryId(String id) {
            return new CreateStory(id, title, rubric, sections, tags, prompt, notes);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.createStory(this);
        }
    }

    /**
     * Change a story that the editor saw at {@code expectedVersion} (optimistic concurrency):
     * changed sections, feedback items the edit addresses, a note (null when none).
     */
    record EditStory(String storyId, int expectedVersion, Map<String, String> changedSections,
            List<String> addressesFeedback, String note) implements CandidateCommand {
        public EditStory {
            Objects.requireNonNull(storyId, "storyId");
            changedSections = OrderedMaps.copyOf(changedSections);
            addressesFeedback = List.copyOf(addressesFeedback);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.editStory(this);
        }
    }

    /** Stop rehearsing a story; its history stays. */
    record RetireStory(String storyId, String reason) implements CandidateCommand {
        public RetireStory {
            Objects.requireNonNull(storyId, "storyId");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.retireStory(this);
        }
    }

    /** Log a practice attempt; {@code storyVersion} null means the story's latest. */
    record LogAttempt(String attemptId, String storyId, Integer storyVersion, String rubric, String prompt,
            PracticeAttemptLogged.Mode mode, Integer selfScore, List<PracticeAttemptLogged.SectionPractice> sections)
            implements CandidateCommand {
        public LogAttempt {
            Objects.requireNonNull(rubric, "rubric");
            Objects.requireNonNull(mode, "mode");
            sections = List.copyOf(sections);
        }

        public LogAttempt withAttemptId(String id) {
            return new LogAttempt(id, storyId, storyVersion, rubric, prompt, mode, selfScore, sections);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.logAttempt(this);
        }
    }

    /** Record feedback received, optionally about an attempt, a story and a section. */
    record RecordFeedback(String feedbackId, FeedbackReceived.Source source, String text, String attemptId,
            String storyId, String rubric, String section, Integer score) implements CandidateCommand {
        public RecordFeedback {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(text, "text");
        }

        public RecordFeedback withFeedbackId(String id) {
            return new RecordFeedback(id, source, text, attemptId, storyId, rubric, section, score);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.recordFeedback(this);
        }
    }

    /** Decide what to do about a feedback item. */
    record TriageFeedback(String feedbackId, FeedbackTriaged.Decision decision, String note) implements CandidateCommand {
        public TriageFeedback {
            Objects.requireNonNull(feedbackId, "feedbackId");
            Objects.requireNonNull(decision, "decision");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.triageFeedback(this);
        }
    }

    /** Say which themes a feedback item really carries ({@code themes} may be empty: none fits). */
    record CorrectThemes(String feedbackId, List<String> themes, String note) implements CandidateCommand {
        public CorrectThemes {
            Objects.requireNonNull(feedbackId, "feedbackId");
            themes = List.copyOf(themes);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.correctThemes(this);
        }
    }

    /**
     * Name a group of feedback items (an emerging cluster, say) as a theme of the candidate's own:
     * {@code title} as the person wrote it, its id derived from it ({@link FeedbackThemeNamed#idOf}).
     */
    record NameTheme(String title, List<String> feedbackIds, String note) implements CandidateCommand {
        public NameTheme {
            Objects.requireNonNull(title, "title");
            feedbackIds = List.copyOf(feedbackIds);
        }

        /** The theme's id, from its title. */
        public String theme() {
            return FeedbackThemeNamed.idOf(title);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.nameTheme(this);
        }
    }

    /**
     * Append events read back from an export as they were — ids, sequences, times, actors and
     * payloads — where they continue the candidate's history. Many events make one command, so a
     * restore costs one decision per batch. The events already name the command's candidate.
     */
    record RestoreEvents(List<Event> events) implements CandidateCommand {
        public RestoreEvents {
            events = List.copyOf(events);
            if (events.isEmpty()) {
                throw new IllegalArgumentException("a restore carries at least one event");
            }
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.restoreEvents(this);
        }
    }
}
