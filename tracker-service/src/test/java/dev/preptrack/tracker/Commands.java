package dev.preptrack.tracker;

import dev.preptrack.domain.event.Actor;
import dev.preptrack.domain.event.FeedbackReceived;
import dev.preptrack.domain.event.FeedbackTriaged;
import dev.preptrack.domain.event.PracticeAttemptLogged;
import dev.preptrack.domain.event.PracticeAttemptLogged.SectionPractice;
import dev.preptrack.tracker.domain.CandidateCommand;
import dev.preptrack.tracker.domain.CandidateCommand.CreateStory;
import dev.preptrack.tracker.domain.CandidateCommand.EditStory;
import dev.preptrack.tracker.domain.CandidateCommand.LogAttempt;
import dev.preptrack.tracker.domain.CandidateCommand.RecordFeedback;
import dev.preptrack.tracker.domain.CandidateCommand.RetireStory;
import dev.preptrack.tracker.domain.CandidateCommand.TriageFeedback;
import dev.preptrack.tracker.domain.Command;
import dev.preptrack.tracker.domain.CommandFingerprint;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Commands as a candidate's week produces them, named by what they do. */
public final class Commands {

    public static final String CANDIDATE = "cand-1";
    public static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private static final AtomicInteger KEYS = new AtomicInteger();

    private Commands() {
    }

    public static Command command(CandidateCommand intent) {
        return command("key-" + KEYS.incrementAndGet(), intent);
    }

    public static Command command(String key, CandidateCommand intent) {
        return commandAt(key, intent, NOW.minusSeconds(3600));
    }

    public static Command commandAt(String key, CandidateCommand intent, Instant occurredAt) {
        return new Command(key, CANDIDATE, CommandFingerprint.of(CANDIDATE, intent, occurredAt),
                new Actor(CANDIDATE, Actor.Role.CANDIDATE), NOW, occurredAt, intent);
    }

    public static Command occurredAt(Command command, Instant occurredAt) {
        return new Command(command.commandId(), command.candidateId(), command.fingerprint(), command.actor(),
                command.receivedAt(), occurredAt, command.intent());
    }

    public static CreateStory aStarStory(String storyId) {
        return new CreateStory(storyId, "On-call pages", "star", Map.of("situation", "Checkout paged ~40 times a week."),
                List.of());
    }

    public static CreateStory aStory(String storyId, String rubric, Map<String, String> sections) {
        return new CreateStory(storyId, "On-call pages", rubric, sections, List.of());
    }

    public static EditStory anEditOf(String storyId, int expectedVersion) {
        return anEditOf(storyId, expectedVersion, List.of());
    }

    public static EditStory anEditOf(String storyId, int expectedVersion, List<String> addressing) {
        return new EditStory(storyId, expectedVersion, Map.of("action", "Rewrote the dedup config."), addressing, null);
    }

    public static RetireStory retiring(String storyId) {
        return new RetireStory(storyId, null);
    }

    public static LogAttempt anAttemptOn(String storyId, Integer version) {
        return anAttempt("attempt-" + KEYS.incrementAndGet(), storyId, version, "star",
                List.of(new SectionPractice("situation", 50, 4)));
    }

    public static LogAttempt anAttempt(String attemptId, String storyId, Integer version, String rubric,
            List<SectionPractice> sections) {
        return new LogAttempt(attemptId, storyId, version, rubric, "Tell me about a time...",
                PracticeAttemptLogged.Mode.SOLO, 3, sections);
    }

    public static RecordFeedback aCoachsFeedback(String feedbackId) {
        return aCoachsFeedback(feedbackId, null, null, "action");
    }

    public static RecordFeedback aCoachsFeedback(String feedbackId, String attemptId, String storyId, String section) {
        return new RecordFeedback(feedbackId, new FeedbackReceived.Source("coach anna", FeedbackReceived.Source.Role.COACH),
                "what exactly did you change?", attemptId, storyId, "star", section, null);
    }

    public static TriageFeedback addressing(String feedbackId) {
        return new TriageFeedback(feedbackId, FeedbackTriaged.Decision.ADDRESSED, null);
    }
}
