package dev.preptrack.tracker.domain;

import dev.preptrack.domain.event.AccessGranted;
import dev.preptrack.domain.event.AccessRevoked;
import dev.preptrack.domain.event.Event;
import dev.preptrack.domain.event.FeedbackReceived;
import dev.preptrack.domain.event.FeedbackTriaged;
import dev.preptrack.domain.event.Payload;
import dev.preptrack.domain.event.PracticeAttemptLogged;
import dev.preptrack.domain.event.StoryCreated;
import dev.preptrack.domain.event.StoryEdited;
import dev.preptrack.domain.event.StoryRetired;
import dev.preptrack.tracker.domain.CandidateCommand.RestoreEvents;
import dev.preptrack.tracker.domain.WriteModel.StoryState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The writer's decision on a batch of exported events ({@link RestoreEvents}). An export is
 * history already decided, so its events are appended as they were — nothing is renamed,
 * re-checked against today's rules or re-timed — where they continue the candidate's history:
 *
 * <ul>
 *   <li>events at or below the candidate's position are already there and are skipped, after
 *       checking that the file's event at that position is the one the candidate has (so a
 *       re-import appends nothing, and another person's file is refused, not merged);
 *   <li>the rest must follow on without a gap, and must make sense as a history: an edit or a
 *       retirement names a story created before it, a story is created once.
 * </ul>
 *
 * A batch is appended whole or not at all. The writer keeps what it keeps for any event — the
 * stories' versions, the attempt and feedback ids — so later commands work on a restored
 * history exactly as on the original.
 */
final class Restore {

    private Restore() {
    }

    static Decision decide(CandidateLookup candidate, Command command) {
        List<Event> events = ((RestoreEvents) command.intent()).events();
        WriteModel model = candidate.model();
        long first = events.get(0).sequence();
        long last = first + events.size() - 1;
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            if (event.sequence() != first + i) {
                return refused(command, Rejection.Kind.INVALID_REFERENCE, "sequence", "event " + event.eventId()
                        + " has sequence " + event.sequence() + " where " + (first + i) + " follows: an export's "
                        + "events are numbered one after another");
            }
            if (!event.candidateId().equals(command.candidateId())) {
                return refused(command, Rejection.Kind.INVALID_REFERENCE, "candidateId", "event " + event.sequence()
                        + " belongs to " + event.candidateId() + ", not " + command.candidateId());
            }
        }
        if (first > model.sequence() + 1) {
            return refused(command, Rejection.Kind.INVALID_REFERENCE, "sequence", "this history ends at event "
                    + model.sequence() + " and the file goes on from event " + first
                    + ": restore the file from its first line");
        }
        // Events at or below the position are already there; a batch wholly below it appends nothing.
        int already = (int) Math.min(events.size(), Math.max(0, model.sequence() - first + 1));
        if (model.sequence() >= first && model.sequence() <= last && model.lastEventId() != null) {
            Event atPosition = events.get((int) (model.sequence() - first));
            if (!atPosition.eventId().equals(model.lastEventId())) {
                return differentHistory(command, model.sequence(), atPosition);
            }
        }
        // Below the position only what the writer keeps can be compared: each attempt and feedback
        // item at its sequence, each story created. Enough to refuse another person's history,
        // however much shorter than this one it is.
        for (Event event : events.subList(0, already)) {
            if (!alreadyKept(event, candidate, model)) {
                return differentHistory(command, event.sequence(), event);
            }
        }
        List<Event> fresh = events.subList(already, events.size());

        Map<String, StoryState> stories = new HashMap<>(model.stories());
        List<KnownEntity> known = new ArrayList<>();
        for (Event event : fresh) {
            String broken = keep(event, stories, known, candidate);
            if (broken != null) {
                return refused(command, Rejection.Kind.INVALID_REFERENCE, "payload", "event " + event.sequence()
                        + " " + broken);
            }
        }
        WriteModel next = fresh.isEmpty() ? model
                : new WriteModel(last, stories, fresh.get(fresh.size() - 1).eventId());
        var result = new CommandResult.Accepted(command.commandId(), command.candidateId(),
                fresh.stream().map(Event::eventId).toList(), next.sequence(), null, null, false);
        return new Decision.Accepted(fresh, result, next, known, new AnsweredCommand(command.fingerprint(), result));
    }

    /**
     * Keeps what the writer keeps for one event; says what is wrong when it cannot follow on. A
     * visitor, so a new payload type does not compile until it says what a restore keeps of it.
     */
    private static String keep(Event event, Map<String, StoryState> stories, List<KnownEntity> known,
            CandidateLookup candidate) {
        return event.payload().accept(new Payload.Visitor<String>() {
            @Override
            public String storyCreated(StoryCreated created) {
                if (stories.containsKey(created.storyId())) {
                    return "creates story " + created.storyId() + ", which already exists";
                }
                stories.put(created.storyId(), new StoryState(created.rubric(), 1, false, event.occurredAt()));
                return null;
            }

            @Override
            public String storyEdited(StoryEdited edited) {
                StoryState story = stories.get(edited.storyId());
                if (story == null) {
                    return "edits story " + edited.storyId() + ", which no earlier event created";
                }
                stories.put(edited.storyId(), story.edited(edited.newVersion()));
                return null;
            }

            @Override
            public String storyRetired(StoryRetired retired) {
                StoryState story = stories.get(retired.storyId());
                if (story == null) {
                    return "retires story " + retired.storyId() + ", which no earlier event created";
                }
                stories.put(retired.storyId(), story.retire());
                return null;
            }

            @Override
            public String attemptLogged(PracticeAttemptLogged attempt) {
                if (introduced(KnownEntity.Kind.ATTEMPT, attempt.attemptId())) {
                    return "logs attempt " + attempt.attemptId() + ", which already exists";
                }
                known.add(new KnownEntity(KnownEntity.Kind.ATTEMPT, attempt.attemptId(), event.sequence(),
                        event.occurredAt()));
                return null;
            }

            @Override
            public String feedbackReceived(FeedbackReceived feedback) {
                if (introduced(KnownEntity.Kind.FEEDBACK, feedback.feedbackId())) {
                    return "records feedback " + feedback.feedbackId() + ", which already exists";
                }
                known.add(new KnownEntity(KnownEntity.Kind.FEEDBACK, feedback.feedbackId(), event.sequence(),
                        event.occurredAt()));
                return null;
            }

            private boolean introduced(KnownEntity.Kind kind, String id) {
                return candidate.knows(kind, id)
                        || known.stream().anyMatch(entity -> entity.kind() == kind && entity.id().equals(id));
            }

            @Override
            public String feedbackTriaged(FeedbackTriaged triaged) {
                return null;
            }

            @Override
            public String accessGranted(AccessGranted granted) {
                return null;
            }

            @Override
            public String themesCorrected(dev.preptrack.domain.event.FeedbackThemesCorrected corrected) {
                return null;
            }

            @Override
            public String themeNamed(dev.preptrack.domain.event.FeedbackThemeNamed named) {
                return null;
            }

            @Override
            public String accessRevoked(AccessRevoked revoked) {
                return null;
            }
        });
    }

    private static boolean alreadyKept(Event event, CandidateLookup candidate, WriteModel model) {
        if (event.payload() instanceof StoryCreated created) {
            return model.stories().containsKey(created.storyId());
        }
        KnownEntity.Kind kind = event.payload() instanceof PracticeAttemptLogged ? KnownEntity.Kind.ATTEMPT
                : event.payload() instanceof FeedbackReceived ? KnownEntity.Kind.FEEDBACK : null;
        if (kind == null) {
            return true;
        }
        String id = event.payload() instanceof PracticeAttemptLogged attempt ? attempt.attemptId()
                : ((FeedbackReceived) event.payload()).feedbackId();
        return candidate.entity(kind, id).filter(known -> known.sequence() == event.sequence()).isPresent();
    }

    private static Decision differentHistory(Command command, long sequence, Event theirs) {
        return refused(command, Rejection.Kind.ALREADY_EXISTS, "eventId", "this candidate already has a different "
                + "history: their event " + sequence + " is not the file's (" + theirs.eventId()
                + "); restore into a candidate with no history");
    }

    /**
     * A refusal, not remembered: a batch's key is its content, and the same batch may follow on
     * once the file is mended before it (remembering would refuse it forever).
     */
    private static Decision refused(Command command, Rejection.Kind kind, String field, String message) {
        var result = new CommandResult.Rejected(command.commandId(), command.candidateId(),
                new Rejection(kind, field, message, null));
        return new Decision.Rejected(result, java.util.Optional.empty());
    }
}
