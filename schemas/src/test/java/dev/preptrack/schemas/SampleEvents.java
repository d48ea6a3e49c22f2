package dev.preptrack.schemas;

import dev.preptrack.events.AccessGranted;
import dev.preptrack.events.AccessRevoked;
import dev.preptrack.events.Actor;
import dev.preptrack.events.ActorRole;
import dev.preptrack.events.Envelope;
import dev.preptrack.events.FeedbackReceived;
import dev.preptrack.events.FeedbackSource;
import dev.preptrack.events.FeedbackSourceRole;
import dev.preptrack.events.FeedbackThemeNamed;
import dev.preptrack.events.FeedbackThemesCorrected;
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
import java.util.UUID;

/** Events as a candidate's week of preparation produces them, one of each payload type. */
public final class SampleEvents {

    public static final Instant MONDAY = Instant.parse("2026-11-16T09:30:00Z");

    private SampleEvents() {
    }

    /** One event of every payload type in the envelope's union, in a plausible order. */
    public static List<Envelope> oneOfEachType(String candidateId) {
        return List.of(
                envelope(candidateId, 0, aStoryCreated()),
                envelope(candidateId, 1, anAttemptOnTheStory()),
                envelope(candidateId, 2, aCoachsFeedback()),
                envelope(candidateId, 3, anEditAddressingTheFeedback()),
                envelope(candidateId, 4, aTriage()),
                envelope(candidateId, 5, aGrantToTheCoach()),
                envelope(candidateId, 6, new AccessRevoked("coach-anna")),
                envelope(candidateId, 7, new StoryRetired("oncall-pages", "replaced by a better story")),
                envelope(candidateId, 8, aCorrection()),
                envelope(candidateId, 9, aNamedTheme()));
    }

    public static Envelope envelope(String candidateId, int day, Object payload) {
        Instant when = MONDAY.plusSeconds(86_400L * day);
        return Envelope.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setCandidateId(candidateId)
                .setSequence(day + 1L)
                .setOccurredAt(when)
                .setRecordedAt(when.plusSeconds(5))
                .setActor(new Actor(candidateId, ActorRole.CANDIDATE))
                .setCommandId(UUID.randomUUID().toString())
                .setPayload(payload)
                .build();
    }

    public static StoryCreated aStoryCreated() {
        return StoryCreated.newBuilder()
                .setStoryId("oncall-pages")
                .setTitle("Cutting on-call pages by three quarters")
                .setRubric("star")
                .setSections(Map.of(
                        "situation", "Checkout paged on-call ~40 times a week, mostly at night.",
                        "action", "Grouped six weeks of pages by rule; proposed SLO-based paging."))
                .setTags(List.of("initiative", "reliability"))
                .build();
    }

    public static PracticeAttemptLogged anAttemptOnTheStory() {
        return PracticeAttemptLogged.newBuilder()
                .setAttemptId("attempt-1")
                .setStoryId("oncall-pages")
                .setStoryVersion(1)
                .setRubric("star")
                .setPrompt("Tell me about a time you improved something nobody asked you to improve")
                .setMode(PracticeMode.COACH_MOCK)
                .setSelfScore(3)
                .setSections(List.of(
                        new SectionPractice("situation", 52, 4),
                        new SectionPractice("action", 140, 3),
                        new SectionPractice("result", 0, null)))
                .build();
    }

    public static FeedbackReceived aCoachsFeedback() {
        return FeedbackReceived.newBuilder()
                .setFeedbackId("fb-1")
                .setSource(new FeedbackSource("coach anna", FeedbackSourceRole.COACH))
                .setText("what exactly did you change in the dedup, config or code?")
                .setAttemptId("attempt-1")
                .setStoryId("oncall-pages")
                .setRubric("star")
                .setSection("action")
                .setScore(2)
                .build();
    }

    public static StoryEdited anEditAddressingTheFeedback() {
        return StoryEdited.newBuilder()
                .setStoryId("oncall-pages")
                .setExpectedVersion(1)
                .setNewVersion(2)
                .setChangedSections(Map.of("action", "Changed the alert config: dedup keyed on upstream + error code."))
                .setFeedbackAddressed(List.of("fb-1"))
                .setNote("name the concrete change")
                .build();
    }

    /** The coach's feedback really asks about stakeholders, whatever the classifier said. */
    public static FeedbackThemesCorrected aCorrection() {
        return new FeedbackThemesCorrected("fb-1", List.of("stakeholders"), "they asked who disagreed");
    }

    /** The candidate names what an emerging cluster's items keep asking about. */
    public static FeedbackThemeNamed aNamedTheme() {
        return new FeedbackThemeNamed("requirements", "Requirements", List.of("fb-1"), "what they needed, before the design");
    }

    public static FeedbackTriaged aTriage() {
        return new FeedbackTriaged("fb-1", TriageDecision.ADDRESSED, null);
    }

    public static AccessGranted aGrantToTheCoach() {
        return new AccessGranted("coach-anna", ActorRole.COACH);
    }
}
