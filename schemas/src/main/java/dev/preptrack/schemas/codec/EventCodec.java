package dev.preptrack.schemas.codec;

import dev.preptrack.domain.event.AccessGranted;
import dev.preptrack.domain.event.AccessRevoked;
import dev.preptrack.domain.event.Actor;
import dev.preptrack.domain.event.Event;
import dev.preptrack.domain.event.FeedbackReceived;
import dev.preptrack.domain.event.FeedbackThemeNamed;
import dev.preptrack.domain.event.FeedbackThemesCorrected;
import dev.preptrack.domain.event.FeedbackTriaged;
import dev.preptrack.domain.event.Payload;
import dev.preptrack.domain.event.PracticeAttemptLogged;
import dev.preptrack.domain.event.StoryCreated;
import dev.preptrack.domain.event.StoryEdited;
import dev.preptrack.domain.event.StoryRetired;
import dev.preptrack.events.Envelope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The one mapping between the domain's events ({@code dev.preptrack.domain.event}) and their
 * Avro wire and storage form ({@code dev.preptrack.events}). Lossless both ways for every
 * payload type, which a property test checks; nothing else in the project converts between
 * the two.
 */
public final class EventCodec {

    private EventCodec() {
    }

    public static Event decode(Envelope envelope) {
        return new Event(envelope.getEventId(), envelope.getCandidateId(), envelope.getSequence(),
                envelope.getOccurredAt(), envelope.getRecordedAt(), decode(envelope.getActor()),
                envelope.getCommandId(), decodePayload(envelope.getPayload()));
    }

    public static Envelope encode(Event event) {
        return Envelope.newBuilder()
                .setEventId(event.eventId())
                .setCandidateId(event.candidateId())
                .setSequence(event.sequence())
                .setOccurredAt(event.occurredAt())
                .setRecordedAt(event.recordedAt())
                .setActor(encode(event.actor()))
                .setCommandId(event.commandId())
                .setPayload(encodePayload(event.payload()))
                .build();
    }

    public static Actor decode(dev.preptrack.events.Actor actor) {
        return new Actor(actor.getId(), Actor.Role.valueOf(actor.getRole().name()));
    }

    public static dev.preptrack.events.Actor encode(Actor actor) {
        return new dev.preptrack.events.Actor(actor.id(), dev.preptrack.events.ActorRole.valueOf(actor.role().name()));
    }

    /** A payload of the Avro envelope's union as the domain's payload. */
    public static Payload decodePayload(Object avro) {
        if (avro instanceof dev.preptrack.events.StoryCreated created) {
            return new StoryCreated(created.getStoryId(), created.getTitle(), created.getRubric(),
                    created.getSections(), created.getTags(), created.getPrompt(), created.getNotes());
        }
        if (avro instanceof dev.preptrack.events.StoryEdited edited) {
            return new StoryEdited(edited.getStoryId(), edited.getExpectedVersion(), edited.getNewVersion(),
                    edited.getChangedSections(), edited.getFeedbackAddressed(), edited.getNote());
        }
        if (avro instanceof dev.preptrack.events.StoryRetired retired) {
            return new StoryRetired(retired.getStoryId(), retired.getReason());
        }
        if (avro instanceof dev.preptrack.events.PracticeAttemptLogged attempt) {
            return new PracticeAttemptLogged(attempt.getAttemptId(), attempt.getStoryId(), attempt.getStoryVersion(),
                    attempt.getRubric(), attempt.getPrompt(), PracticeAttemptLogged.Mode.valueOf(attempt.getMode().name()),
                    attempt.getSelfScore(), attempt.getSections().stream()
                            .map(section -> new PracticeAttemptLogged.SectionPractice(section.getSection(),
                                    section.getSeconds(), section.getSelfScore()))
                            .toList());
        }
        if (avro instanceof dev.preptrack.events.FeedbackReceived feedback) {
            return new FeedbackReceived(feedback.getFeedbackId(), new FeedbackReceived.Source(
                    feedback.getSource().getName(),
                    FeedbackReceived.Source.Role.valueOf(feedback.getSource().getRole().name())),
                    feedback.getText(), feedback.getAttemptId(), feedback.getStoryId(), feedback.getRubric(),
                    feedback.getSection(), feedback.getScore());
        }
        if (avro instanceof dev.preptrack.events.FeedbackTriaged triaged) {
            return new FeedbackTriaged(triaged.getFeedbackId(),
                    FeedbackTriaged.Decision.valueOf(triaged.getDecision().name()), triaged.getNote());
        }
        if (avro instanceof dev.preptrack.events.FeedbackThemesCorrected corrected) {
            return new FeedbackThemesCorrected(corrected.getFeedbackId(), List.copyOf(corrected.getThemes()),
                    corrected.getNote());
        }
        if (avro instanceof dev.preptrack.events.FeedbackThemeNamed named) {
            return new FeedbackThemeNamed(named.getTheme(), named.getTitle(), List.copyOf(named.getFeedbackIds()),
                    named.getNote());
        }
        if (avro instanceof dev.preptrack.events.AccessGranted granted) {
            return new AccessGranted(granted.getGranteeId(), Actor.Role.valueOf(granted.getGranteeRole().name()));
        }
        if (avro instanceof dev.preptrack.events.AccessRevoked revoked) {
            return new AccessRevoked(revoked.getGranteeId());
        }
        // A newer writer's payload type arrives as a generic record of its own name (SpecificAvroDeserializer).
        throw new IllegalArgumentException("not a payload of the events' union: " + (avro == null ? "null"
                : avro instanceof org.apache.avro.generic.GenericContainer generic ? generic.getSchema().getFullName()
                : avro.getClass().getName()));
    }

    /** A domain payload as the Avro record of the envelope's union. */
    public static Object encodePayload(Payload payload) {
        return payload.accept(ENCODER);
    }

    private static final Payload.Visitor<Object> ENCODER = new Payload.Visitor<>() {
        @Override
        public Object storyCreated(StoryCreated created) {
            return dev.preptrack.events.StoryCreated.newBuilder().setStoryId(created.storyId())
                    .setTitle(created.title()).setRubric(created.rubric())
                    .setSections(new LinkedHashMap<>(created.sections())).setTags(new ArrayList<>(created.tags()))
                    .setPrompt(created.prompt()).setNotes(new ArrayList<>(created.notes()))
                    .build();
        }

        @Override
        public Object storyEdited(StoryEdited edited) {
            return dev.preptrack.events.StoryEdited.newBuilder().setStoryId(edited.storyId())
                    .setExpectedVersion(edited.expectedVersion()).setNewVersion(edited.newVersion())
                    .setChangedSections(new LinkedHashMap<>(edited.changedSections()))
                    .setFeedbackAddressed(new ArrayList<>(edited.feedbackAddressed())).setNote(edited.note()).build();
        }

        @Override
        public Object storyRetired(StoryRetired retired) {
            return new dev.preptrack.events.StoryRetired(retired.storyId(), retired.reason());
        }

        @Override
        public Object attemptLogged(PracticeAttemptLogged attempt) {
            return dev.preptrack.events.PracticeAttemptLogged.newBuilder().setAttemptId(attempt.attemptId())
                    .setStoryId(attempt.storyId()).setStoryVersion(attempt.storyVersion())
                    .setRubric(attempt.rubric()).setPrompt(attempt.prompt())
                    .setMode(dev.preptrack.events.PracticeMode.valueOf(attempt.mode().name()))
                    .setSelfScore(attempt.selfScore())
                    .setSections(new ArrayList<>(attempt.sections().stream()
                            .map(section -> new dev.preptrack.events.SectionPractice(section.section(),
                                    section.seconds(), section.selfScore()))
                            .toList()))
                    .build();
        }

        @Override
        public Object feedbackReceived(FeedbackReceived feedback) {
            return dev.preptrack.events.FeedbackReceived.newBuilder().setFeedbackId(feedback.feedbackId())
                    .setSource(new dev.preptrack.events.FeedbackSource(feedback.source().name(),
                            dev.preptrack.events.FeedbackSourceRole.valueOf(feedback.source().role().name())))
                    .setText(feedback.text()).setAttemptId(feedback.attemptId()).setStoryId(feedback.storyId())
                    .setRubric(feedback.rubric()).setSection(feedback.section()).setScore(feedback.score()).build();
        }

        @Override
        public Object feedbackTriaged(FeedbackTriaged triaged) {
            return new dev.preptrack.events.FeedbackTriaged(triaged.feedbackId(),
                    dev.preptrack.events.TriageDecision.valueOf(triaged.decision().name()), triaged.note());
        }

        @Override
        public Object accessGranted(AccessGranted granted) {
            return new dev.preptrack.events.AccessGranted(granted.granteeId(),
                    dev.preptrack.events.ActorRole.valueOf(granted.granteeRole().name()));
        }

        @Override
        public Object accessRevoked(AccessRevoked revoked) {
            return new dev.preptrack.events.AccessRevoked(revoked.granteeId());
        }

        @Override
        public Object themesCorrected(FeedbackThemesCorrected corrected) {
            return new dev.preptrack.events.FeedbackThemesCorrected(corrected.feedbackId(),
                    new ArrayList<>(corrected.themes()), corrected.note());
        }

        @Override
        public Object themeNamed(FeedbackThemeNamed named) {
            return new dev.preptrack.events.FeedbackThemeNamed(named.theme(), named.title(),
                    new ArrayList<>(named.feedbackIds()), named.note());
        }
    };
}
