package dev.preptrack.tracker;

import dev.preptrack.commands.Command;
import dev.preptrack.events.Actor;
import dev.preptrack.events.ActorRole;
import dev.preptrack.events.FeedbackReceived;
import dev.preptrack.events.FeedbackSource;
import dev.preptrack.events.FeedbackSourceRole;
import dev.preptrack.events.FeedbackTriaged;
import dev.preptrack.events.PracticeAttemptLogged;
import dev.preptrack.events.PracticeMode;
import dev.preptrack.events.SectionPractice;
import dev.preptrack.events.StoryCreated;
import dev.preptrack.events.StoryEdited;
import dev.preptrack.events.StoryRetired;
import dev.preptrack.events.TriageDecision;
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

    public static Command command(Object payload) {
        return command("key-" + KEYS.incrementAndGet(), payload);
    }

    public static Command command(String key, Object payload) {
        return Command.newBuilder().setCommandId(key).setCandidateId(CANDIDATE)
                .setFingerprint("fp-" + payload.hashCode()).setActor(new Actor(CANDIDATE, ActorRole.CANDIDATE))
                .setReceivedAt(NOW).setOccurredAt(NOW.minusSeconds(3600)).setPayload(payload).build();
    }

    public static StoryCreated aStarStory(String storyId) {
        return StoryCreated.newBuilder().setStoryId(storyId).setTitle("On-call pages").setRubric("star")
                .setSections(Map.of("situation", "Checkout paged ~40 times a week.")).setTags(List.of()).build();
    }

    public static StoryEdited anEditOf(String storyId, int expectedVersion) {
        return StoryEdited.newBuilder().setStoryId(storyId).setExpectedVersion(expectedVersion)
                .setNewVersion(expectedVersion + 1).setChangedSections(Map.of("action", "Rewrote the dedup config."))
                .setFeedbackAddressed(List.of()).setNote(null).build();
    }

    public static StoryRetired retiring(String storyId) {
        return new StoryRetired(storyId, null);
    }

    public static PracticeAttemptLogged anAttemptOn(String storyId, Integer version) {
        return PracticeAttemptLogged.newBuilder().setAttemptId("attempt-" + KEYS.incrementAndGet()).setStoryId(storyId)
                .setStoryVersion(version).setRubric("star").setPrompt("Tell me about a time...")
                .setMode(PracticeMode.SOLO).setSelfScore(3)
                .setSections(List.of(new SectionPractice("situation", 50, 4))).build();
    }

    public static FeedbackReceived aCoachsFeedback(String feedbackId) {
        return FeedbackReceived.newBuilder().setFeedbackId(feedbackId)
                .setSource(new FeedbackSource("coach anna", FeedbackSourceRole.COACH))
                .setText("what exactly did you change?").setRubric("star").setSection("action").build();
    }

    public static FeedbackTriaged addressing(String feedbackId) {
        return new FeedbackTriaged(feedbackId, TriageDecision.ADDRESSED, null);
    }
}
