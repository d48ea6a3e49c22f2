package dev.preptrack.tracker.domain;

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
import dev.preptrack.rules.Rules;
import dev.preptrack.tracker.domain.CandidateCommand.CreateStory;
import dev.preptrack.tracker.domain.CandidateCommand.EditStory;
import dev.preptrack.tracker.domain.CandidateCommand.LogAttempt;
import dev.preptrack.tracker.domain.CandidateCommand.RecordFeedback;
import dev.preptrack.tracker.domain.CandidateCommand.RestoreEvents;
import dev.preptrack.tracker.domain.CandidateCommand.RetireStory;
import dev.preptrack.tracker.domain.CandidateCommand.CorrectThemes;
import dev.preptrack.tracker.domain.CandidateCommand.NameTheme;
import dev.preptrack.tracker.domain.CandidateCommand.TriageFeedback;
import dev.preptrack.tracker.domain.WriteModel.StoryState;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The candidate's single writer, as a pure function: given what it can look up about the
 * candidate and a command, decide whether the command becomes events. Each command type has
 * one decision: resolve its names, keep its list of {@link WritePolicies}, and propose the
 * event; this class adds what only the writer may assign — the candidate's next sequence, a
 * story's next version, the practised version — and idempotency.
 *
 * <p>Deterministic: event ids derive from the command id, times come from the command, so
 * deciding the same commands again gives the same events. Idempotent: a command id already
 * answered returns its first result, and reusing it for a different request is refused.
 */
public final class CommandDecider {

    private final Rules rules;
    private final CanonicalNames names;

    public CommandDecider(Rules rules) {
        this.rules = rules;
        this.names = new CanonicalNames(rules);
    }

    public Decision decide(CandidateLookup candidate, Command command) {
        Optional<AnsweredCommand> answered = candidate.answered(command.commandId());
        if (answered.isPresent()) {
            if (answered.get().fingerprint().equals(command.fingerprint())) {
                CommandResult first = answered.get().firstResult();
                return new Decision.Replayed(first instanceof CommandResult.Accepted accepted ? accepted.asReplay() : first);
            }
            // Not remembered: the key keeps answering with its first result.
            return new Decision.Rejected(keyReused(command), Optional.empty());
        }
        return command.intent().accept(new Decisions(candidate, command));
    }

    /**
     * The answer to a command whose id already belongs to a different request: given here by
     * the writer, and by the gateway at once when that other request is still in flight.
     */
    public static CommandResult.Rejected keyReused(Command command) {
        return new CommandResult.Rejected(command.commandId(), command.candidateId(), Rejection.of(
                Rejection.Kind.IDEMPOTENCY_KEY_REUSED, "commandId",
                "this Idempotency-Key was already used for a different request; send a new key for a new request"));
    }

    private static String eventId(Command command, int index) {
        return UUID.nameUUIDFromBytes((command.candidateId() + '\u0000' + command.commandId() + '\u0000' + index)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * What one command would become: the event's payload and what the writer then keeps (a
     * story's new state, an id it introduces), or the rule it broke.
     */
    private record Proposal(Optional<Rejection> broken, Payload payload, String entityId, Integer storyVersion,
            String storyId, StoryState story, KnownEntity.Kind introduces) {

        static Proposal refused(Rejection rejection) {
            return new Proposal(Optional.of(rejection), null, null, null, null, null, null);
        }

        static Proposal aboutAStory(Payload payload, String storyId, StoryState story) {
            return new Proposal(Optional.empty(), payload, storyId, story.version(), storyId, story, null);
        }

        static Proposal introducing(Payload payload, KnownEntity.Kind kind, String id, Integer storyVersion) {
            return new Proposal(Optional.empty(), payload, id, storyVersion, null, null, kind);
        }
    }

    /** One decision per command type. */
    private final class Decisions implements CandidateCommand.Visitor<Decision> {
        private final CandidateLookup candidate;
        private final Command command;
        private final Policy.Situation at;

        Decisions(CandidateLookup candidate, Command command) {
            this.candidate = candidate;
            this.command = command;
            this.at = new Policy.Situation(candidate, rules, command.occurredAt());
        }

        @Override
        public Decision createStory(CreateStory asked) {
            CreateStory create = names.of(asked);
            return single(Policy.firstBroken(WritePolicies.CREATING_A_STORY, create, at).map(Proposal::refused)
                    .orElseGet(() -> Proposal.aboutAStory(
                            new StoryCreated(create.storyId(), create.title(), create.rubric(), create.sections(),
                                    create.tags(), create.prompt(), create.notes()),
                            create.storyId(), new StoryState(create.rubric(), 1, false, at.occurredAt()))));
        }

        @Override
        public Decision editStory(EditStory asked) {
            EditStory edit = names.of(asked, at.model());
            return single(Policy.firstBroken(WritePolicies.EDITING_A_STORY, edit, at).map(Proposal::refused)
                    .orElseGet(() -> {
                        StoryState story = at.model().stories().get(edit.storyId());
                        int newVersion = story.version() + 1;
                        return Proposal.aboutAStory(new StoryEdited(edit.storyId(), edit.expectedVersion(), newVersion,
                                edit.changedSections(), edit.addressesFeedback(), edit.note()), edit.storyId(),
                                story.edited(newVersion));
                    }));
        }

        @Override
        public Decision retireStory(RetireStory retire) {
            return single(Policy.firstBroken(WritePolicies.RETIRING_A_STORY, retire, at).map(Proposal::refused)
                    .orElseGet(() -> Proposal.aboutAStory(new StoryRetired(retire.storyId(), retire.reason()),
                            retire.storyId(), at.model().stories().get(retire.storyId()).retire())));
        }

        @Override
        public Decision logAttempt(LogAttempt asked) {
            LogAttempt attempt = names.of(asked);
            return single(Policy.firstBroken(WritePolicies.LOGGING_AN_ATTEMPT, attempt, at).map(Proposal::refused)
                    .orElseGet(() -> {
                        // The practised version is the story's latest unless the attempt names one.
                        Integer version = attempt.storyId() == null || attempt.storyVersion() != null
                                ? attempt.storyVersion()
                                : Integer.valueOf(at.model().stories().get(attempt.storyId()).version());
                        return Proposal.introducing(new PracticeAttemptLogged(attempt.attemptId(), attempt.storyId(),
                                version, attempt.rubric(), attempt.prompt(), attempt.mode(), attempt.selfScore(),
                                attempt.sections()), KnownEntity.Kind.ATTEMPT, attempt.attemptId(), version);
                    }));
        }

        @Override
        public Decision recordFeedback(RecordFeedback asked) {
            RecordFeedback feedback = names.of(asked, at.model());
            return single(Policy.firstBroken(WritePolicies.RECORDING_FEEDBACK, feedback, at).map(Proposal::refused)
                    .orElseGet(() -> Proposal.introducing(new FeedbackReceived(feedback.feedbackId(), feedback.source(),
                            feedback.text(), feedback.attemptId(), feedback.storyId(), feedback.rubric(),
                            feedback.section(), feedback.score()), KnownEntity.Kind.FEEDBACK, feedback.feedbackId(),
                            null)));
        }

        @Override
        public Decision triageFeedback(TriageFeedback triage) {
            return single(Policy.firstBroken(WritePolicies.TRIAGING_FEEDBACK, triage, at).map(Proposal::refused)
                    .orElseGet(() -> Proposal.introducing(new FeedbackTriaged(triage.feedbackId(), triage.decision(),
                            triage.note()), null, triage.feedbackId(), null)));
        }

        @Override
        public Decision correctThemes(CorrectThemes correct) {
            return single(Policy.firstBroken(WritePolicies.CORRECTING_THEMES, correct, at).map(Proposal::refused)
                    .orElseGet(() -> Proposal.introducing(new FeedbackThemesCorrected(correct.feedbackId(),
                            correct.themes(), correct.note()), null, correct.feedbackId(), null)));
        }

        @Override
        public Decision nameTheme(NameTheme name) {
            return single(Policy.firstBroken(WritePolicies.NAMING_A_THEME, name, at).map(Proposal::refused)
                    .orElseGet(() -> Proposal.introducing(new FeedbackThemeNamed(name.theme(), name.title(),
                            name.feedbackIds(), name.note()), null, name.theme(), null)));
        }

        @Override
        public Decision restoreEvents(RestoreEvents restore) {
            return Restore.decide(candidate, command);
        }

        /** The one event a command proposes, with the sequence, event id and times only the writer assigns. */
        private Decision single(Proposal proposal) {
            if (proposal.broken().isPresent()) {
                return rejected(command, proposal.broken().get());
            }
            WriteModel model = candidate.model();
            long sequence = model.sequence() + 1;
            var event = new Event(eventId(command, 0), command.candidateId(), sequence, command.occurredAt(),
                    command.receivedAt(), command.actor(), command.commandId(), proposal.payload());
            WriteModel next = model.next(sequence, event.eventId(), proposal.storyId(), proposal.story());
            List<KnownEntity> known = proposal.introduces() == null ? List.of()
                    : List.of(new KnownEntity(proposal.introduces(), proposal.entityId(), sequence, command.occurredAt()));
            var result = new CommandResult.Accepted(command.commandId(), command.candidateId(),
                    List.of(event.eventId()), sequence, proposal.entityId(), proposal.storyVersion(), false);
            return new Decision.Accepted(List.of(event), result, next, known,
                    new AnsweredCommand(command.fingerprint(), result));
        }
    }

    /** A refusal, remembered for retries of the same command id. */
    static Decision.Rejected rejected(Command command, Rejection rejection) {
        var result = new CommandResult.Rejected(command.commandId(), command.candidateId(), rejection);
        return new Decision.Rejected(result, Optional.of(new AnsweredCommand(command.fingerprint(), result)));
    }
}
