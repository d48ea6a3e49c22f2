package dev.preptrack.tracker.kafka;

import dev.preptrack.domain.event.FeedbackReceived;
import dev.preptrack.domain.event.FeedbackThemesCorrected;
import dev.preptrack.domain.event.FeedbackTriaged;
import dev.preptrack.domain.event.Payload;
import dev.preptrack.domain.event.PracticeAttemptLogged;
import dev.preptrack.domain.event.StoryCreated;
import dev.preptrack.domain.event.StoryEdited;
import dev.preptrack.domain.event.StoryRetired;
import dev.preptrack.schemas.codec.EventCodec;
import dev.preptrack.tracker.domain.AnsweredCommand;
import dev.preptrack.tracker.domain.CandidateCommand;
import dev.preptrack.tracker.domain.CandidateCommand.CreateStory;
import dev.preptrack.tracker.domain.CandidateCommand.EditStory;
import dev.preptrack.tracker.domain.CandidateCommand.LogAttempt;
import dev.preptrack.tracker.domain.CandidateCommand.RecordFeedback;
import dev.preptrack.tracker.domain.CandidateCommand.RestoreEvents;
import dev.preptrack.tracker.domain.CandidateCommand.RetireStory;
import dev.preptrack.tracker.domain.CandidateCommand.CorrectThemes;
import dev.preptrack.tracker.domain.CandidateCommand.NameTheme;
import dev.preptrack.tracker.domain.CandidateCommand.TriageFeedback;
import dev.preptrack.tracker.domain.Command;
import dev.preptrack.tracker.domain.CommandResult;
import dev.preptrack.tracker.domain.KnownEntity;
import dev.preptrack.tracker.domain.Rejection;
import dev.preptrack.tracker.domain.WriteModel;
import dev.preptrack.commands.CommandOutcome;
import dev.preptrack.commands.EntityKind;
import dev.preptrack.commands.RejectionKind;
import dev.preptrack.commands.StoryWriteState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The write side's mapping between its domain types and their Avro forms on the commands and
 * results topics and in the single writer's stores. A command travels as the event payload it
 * proposes (so the schemas do not exist twice); an edit's {@code newVersion} on the wire is a
 * placeholder the writer replaces. Lossless both ways, which a property test checks.
 */
public final class CommandCodec {

    private CommandCodec() {
    }

    public static dev.preptrack.commands.Command encode(Command command) {
        return dev.preptrack.commands.Command.newBuilder()
                .setCommandId(command.commandId())
                .setCandidateId(command.candidateId())
                .setFingerprint(command.fingerprint())
                .setActor(EventCodec.encode(command.actor()))
                .setReceivedAt(command.receivedAt())
                .setOccurredAt(command.occurredAt())
                .setPayload(command.intent() instanceof RestoreEvents restore
                        ? new dev.preptrack.commands.RestoreEvents(restore.events().stream().map(EventCodec::encode).toList())
                        : EventCodec.encodePayload(command.intent().accept(AS_PROPOSED_EVENT)))
                .build();
    }

    public static Command decode(dev.preptrack.commands.Command command) {
        return new Command(command.getCommandId(), command.getCandidateId(), command.getFingerprint(),
                EventCodec.decode(command.getActor()), command.getReceivedAt(), command.getOccurredAt(),
                command.getPayload() instanceof dev.preptrack.commands.RestoreEvents restore
                        ? new RestoreEvents(restore.getEvents().stream().map(EventCodec::decode).toList())
                        : intentOf(EventCodec.decodePayload(command.getPayload())));
    }

    public static dev.preptrack.commands.CommandResult encode(CommandResult result) {
        var builder = dev.preptrack.commands.CommandResult.newBuilder()
                .setCommandId(result.commandId())
                .setCandidateId(result.candidateId());
        if (result instanceof CommandResult.Accepted accepted) {
            return builder.setOutcome(CommandOutcome.ACCEPTED).setEventIds(new ArrayList<>(accepted.eventIds()))
                    .setPosition(accepted.position()).setEntityId(accepted.entityId())
                    .setStoryVersion(accepted.storyVersion()).setReplayed(accepted.replayed()).setRejection(null).build();
        }
        Rejection rejection = ((CommandResult.Rejected) result).rejection();
        return builder.setOutcome(CommandOutcome.REJECTED).setEventIds(List.of()).setPosition(null).setEntityId(null)
                .setStoryVersion(null).setReplayed(false)
                .setRejection(new dev.preptrack.commands.Rejection(RejectionKind.valueOf(rejection.kind().name()),
                        rejection.field(), rejection.message(), rejection.currentVersion()))
                .build();
    }

    public static CommandResult decode(dev.preptrack.commands.CommandResult result) {
        if (result.getOutcome() == CommandOutcome.ACCEPTED) {
            return new CommandResult.Accepted(result.getCommandId(), result.getCandidateId(), result.getEventIds(),
                    result.getPosition(), result.getEntityId(), result.getStoryVersion(), result.getReplayed());
        }
        var rejection = result.getRejection();
        return new CommandResult.Rejected(result.getCommandId(), result.getCandidateId(), new Rejection(
                Rejection.Kind.valueOf(rejection.getKind().name()), rejection.getField(), rejection.getMessage(),
                rejection.getCurrentVersion()));
    }

    public static dev.preptrack.commands.CandidateWriteModel encode(WriteModel model) {
        Map<String, StoryWriteState> stories = new HashMap<>();
        model.stories().forEach((id, story) -> stories.put(id, new StoryWriteState(story.rubric(), story.version(),
                story.retired(), story.createdAt())));
        return new dev.preptrack.commands.CandidateWriteModel(model.sequence(), stories, model.lastEventId());
    }

    public static WriteModel decode(dev.preptrack.commands.CandidateWriteModel model) {
        Map<String, WriteModel.StoryState> stories = new HashMap<>();
        model.getStories().forEach((id, story) -> stories.put(id, new WriteModel.StoryState(story.getRubric(),
                story.getVersion(), story.getRetired(), story.getCreatedAt())));
        return new WriteModel(model.getSequence(), stories, model.getLastEventId());
    }

    public static dev.preptrack.commands.KnownEntity encode(KnownEntity entity) {
        return new dev.preptrack.commands.KnownEntity(EntityKind.valueOf(entity.kind().name()), entity.id(),
                entity.sequence(), entity.occurredAt());
    }

    public static KnownEntity decode(dev.preptrack.commands.KnownEntity entity) {
        return new KnownEntity(KnownEntity.Kind.valueOf(entity.getKind().name()), entity.getId(), entity.getSequence(),
                entity.getOccurredAt());
    }

    public static dev.preptrack.commands.AnsweredCommand encode(AnsweredCommand answered) {
        return new dev.preptrack.commands.AnsweredCommand(answered.fingerprint(), encode(answered.firstResult()));
    }

    public static AnsweredCommand decode(dev.preptrack.commands.AnsweredCommand answered) {
        return new AnsweredCommand(answered.getFingerprint(), decode(answered.getFirstResult()));
    }

    /**
     * The event each command proposes, as it travels on the commands topic. A restore travels as
     * the events it carries instead, so it never reaches this visitor.
     */
    private static final CandidateCommand.Visitor<Payload> AS_PROPOSED_EVENT = new CandidateCommand.Visitor<>() {
        @Override
        public Payload createStory(CreateStory create) {
            return new StoryCreated(create.storyId(), create.title(), create.rubric(), create.sections(), create.tags(),
                    create.prompt(), create.notes());
        }

        @Override
        public Payload editStory(EditStory edit) {
            return new StoryEdited(edit.storyId(), edit.expectedVersion(), edit.expectedVersion() + 1,
                    edit.changedSections(), edit.addressesFeedback(), edit.note());
        }

        @Override
        public Payload retireStory(RetireStory retire) {
            return new StoryRetired(retire.storyId(), retire.reason());
        }

        @Override
        public Payload logAttempt(LogAttempt attempt) {
            return new PracticeAttemptLogged(attempt.attemptId(), attempt.storyId(), attempt.storyVersion(),
                    attempt.rubric(), attempt.prompt(), attempt.mode(), attempt.selfScore(), attempt.sections());
        }

        @Override
        public Payload recordFeedback(RecordFeedback feedback) {
            return new FeedbackReceived(feedback.feedbackId(), feedback.source(), feedback.text(), feedback.attemptId(),
                    feedback.storyId(), feedback.rubric(), feedback.section(), feedback.score());
        }

        @Override
        public Payload triageFeedback(TriageFeedback triage) {
            return new FeedbackTriaged(triage.feedbackId(), triage.decision(), triage.note());
        }

        @Override
        public Payload correctThemes(CorrectThemes correct) {
            return new FeedbackThemesCorrected(correct.feedbackId(), correct.themes(), correct.note());
        }

        @Override
        public Payload nameTheme(NameTheme name) {
            return new dev.preptrack.domain.event.FeedbackThemeNamed(name.theme(), name.title(), name.feedbackIds(),
                    name.note());
        }

        @Override
        public Payload restoreEvents(RestoreEvents restore) {
            throw new IllegalStateException("a restore travels as its events, not as one proposed event");
        }
    };

    /** The command a proposed event on the commands topic stands for. */
    private static CandidateCommand intentOf(Payload proposed) {
        return proposed.accept(new Payload.Visitor<CandidateCommand>() {
            @Override
            public CandidateCommand storyCreated(StoryCreated created) {
                return new CreateStory(created.storyId(), created.title(), created.rubric(), created.sections(),
                        created.tags(), created.prompt(), created.notes());
            }

            @Override
            public CandidateCommand storyEdited(StoryEdited edited) {
                return new EditStory(edited.storyId(), edited.expectedVersion(), edited.changedSections(),
                        edited.feedbackAddressed(), edited.note());
            }

            @Override
            public CandidateCommand storyRetired(StoryRetired retired) {
                return new RetireStory(retired.storyId(), retired.reason());
            }

            @Override
            public CandidateCommand attemptLogged(PracticeAttemptLogged attempt) {
                return new LogAttempt(attempt.attemptId(), attempt.storyId(), attempt.storyVersion(), attempt.rubric(),
                        attempt.prompt(), attempt.mode(), attempt.selfScore(), attempt.sections());
            }

            @Override
            public CandidateCommand feedbackReceived(FeedbackReceived feedback) {
                return new RecordFeedback(feedback.feedbackId(), feedback.source(), feedback.text(),
                        feedback.attemptId(), feedback.storyId(), feedback.rubric(), feedback.section(),
                        feedback.score());
            }

            @Override
            public CandidateCommand feedbackTriaged(FeedbackTriaged triaged) {
                return new TriageFeedback(triaged.feedbackId(), triaged.decision(), triaged.note());
            }

            @Override
            public CandidateCommand themesCorrected(FeedbackThemesCorrected corrected) {
                return new CorrectThemes(corrected.feedbackId(), corrected.themes(), corrected.note());
            }

            @Override
            public CandidateCommand themeNamed(dev.preptrack.domain.event.FeedbackThemeNamed named) {
                return new NameTheme(named.title(), named.feedbackIds(), named.note());
            }

            @Override
            public CandidateCommand accessGranted(dev.preptrack.domain.event.AccessGranted granted) {
                throw notACommand(granted);
            }

            @Override
            public CandidateCommand accessRevoked(dev.preptrack.domain.event.AccessRevoked revoked) {
                throw notACommand(revoked);
            }
        });
    }

    private static IllegalArgumentException notACommand(Payload payload) {
        return new IllegalArgumentException("no command proposes " + payload.getClass().getSimpleName() + " yet");
    }
}
