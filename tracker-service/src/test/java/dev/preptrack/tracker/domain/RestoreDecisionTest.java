package dev.preptrack.tracker.domain;

import static dev.preptrack.tracker.Commands.aCoachsFeedback;
import static dev.preptrack.tracker.Commands.aStarStory;
import static dev.preptrack.tracker.Commands.addressing;
import static dev.preptrack.tracker.Commands.anAttempt;
import static dev.preptrack.tracker.Commands.anEditOf;
import static dev.preptrack.tracker.Commands.command;
import static dev.preptrack.tracker.Commands.retiring;
import static org.assertj.core.api.Assertions.assertThat;

import dev.preptrack.domain.event.Event;
import dev.preptrack.domain.event.PracticeAttemptLogged.SectionPractice;
import dev.preptrack.domain.event.StoryEdited;
import dev.preptrack.rules.RulesLoader;
import dev.preptrack.tracker.domain.CandidateCommand.RestoreEvents;
import dev.preptrack.tracker.domain.Rejection.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The writer's decision on exported events: a history written live, restored batch by batch into
 * a candidate with none, is the same history, and the writer then knows it as well as the one
 * that wrote it; a second restore appends nothing; another history, a gap or a broken one is
 * refused whole.
 */
class RestoreDecisionTest {

    private final CommandDecider decider = new CommandDecider(RulesLoader.defaults());
    private final InMemoryCandidate original = new InMemoryCandidate();
    private final InMemoryCandidate restored = new InMemoryCandidate();

    @Test
    void a_restored_history_is_the_original_and_the_writer_goes_on_from_it_alike() {
        List<Event> history = aWeekOfPractice(original);

        List<Event> appended = new ArrayList<>();
        for (List<Event> batch : batches(history, 2)) {
            appended.addAll(accepted(restore(restored, batch)).events());
        }

        assertThat(appended).isEqualTo(history);
        assertThat(restored.model()).isEqualTo(original.model());
        // What later commands need: the story's version, the attempt and feedback ids.
        for (InMemoryCandidate candidate : List.of(original, restored)) {
            Decision edit = decide(candidate, command("edit-after", anEditOf("s1", 2)));
            assertThat(((StoryEdited) accepted(edit).events().get(0).payload()).newVersion()).isEqualTo(3);
            assertThat(decide(candidate, command("fb-after", aCoachsFeedback("f2", "a1", "s1", "action"))))
                    .isInstanceOf(Decision.Accepted.class);
        }
    }

    @Test
    void restoring_the_same_file_again_appends_nothing() {
        List<Event> history = aWeekOfPractice(original);
        batches(history, 3).forEach(batch -> restore(restored, batch));

        for (List<Event> batch : batches(history, 3)) {
            Decision again = restore(restored, batch);
            assertThat(accepted(again).events()).isEmpty();
            assertThat(accepted(again).result().position()).isEqualTo(history.size());
        }
        assertThat(restored.model().sequence()).isEqualTo(history.size());
    }

    @Test
    void a_file_that_goes_on_from_the_history_appends_only_what_is_new() {
        List<Event> history = aWeekOfPractice(original);
        restore(restored, history.subList(0, 3));

        Decision rest = restore(restored, history);

        assertThat(accepted(rest).events()).isEqualTo(history.subList(3, history.size()));
    }

    @Test
    void another_persons_history_is_refused_not_merged() {
        List<Event> theirs = aWeekOfPractice(original);
        decide(restored, command(aStarStory("mine")));

        thenRefuses(restore(restored, theirs), Kind.ALREADY_EXISTS, "eventId");
        assertThat(restored.model().sequence()).isEqualTo(1);
    }

    @Test
    void another_persons_shorter_history_is_refused_too_though_it_ends_below_the_position() {
        List<Event> theirs = aWeekOfPractice(original);
        for (int i = 0; i < 10; i++) {
            decide(restored, command(aStarStory("mine-" + i)));
        }

        thenRefuses(restore(restored, theirs.subList(0, 3)), Kind.ALREADY_EXISTS, "eventId");
    }

    @Test
    void a_write_model_kept_before_it_knew_its_last_event_still_recognises_its_own_history() {
        List<Event> history = aWeekOfPractice(original);
        WriteModel kept = original.model();
        var older = new CandidateLookup() {
            @Override
            public WriteModel model() {
                return new WriteModel(kept.sequence(), kept.stories(), null);
            }

            @Override
            public java.util.Optional<KnownEntity> entity(KnownEntity.Kind kind, String id) {
                return original.entity(kind, id);
            }

            @Override
            public java.util.Optional<AnsweredCommand> answered(String commandId) {
                return java.util.Optional.empty();
            }
        };

        Decision again = decider.decide(older, command(new RestoreEvents(history)));

        assertThat(accepted(again).events()).isEmpty();
    }

    @Test
    void a_refused_batch_is_not_remembered_so_the_same_batch_follows_on_once_the_file_is_mended() {
        List<Event> history = aWeekOfPractice(original);
        Command secondHalf = command("restore-second-half", new RestoreEvents(history.subList(3, history.size())));

        thenRefuses(decide(restored, secondHalf), Kind.INVALID_REFERENCE, "sequence");
        restore(restored, history.subList(0, 3));

        assertThat(accepted(decide(restored, secondHalf)).events()).isEqualTo(history.subList(3, history.size()));
    }

    @Test
    void an_attempt_or_feedback_id_the_history_already_has_is_refused() {
        List<Event> history = aWeekOfPractice(original);
        restore(restored, history);
        Event attempt = history.get(1);
        var again = new Event("another-event", attempt.candidateId(), history.size() + 1, attempt.occurredAt(),
                attempt.recordedAt(), attempt.actor(), "another-command", attempt.payload());

        thenRefuses(restore(restored, List.of(again)), Kind.INVALID_REFERENCE, "payload");
    }

    @Test
    void a_gap_or_a_history_that_does_not_follow_on_is_refused_whole() {
        List<Event> history = aWeekOfPractice(original);

        thenRefuses(restore(restored, history.subList(2, history.size())), Kind.INVALID_REFERENCE, "sequence");
        List<Event> skipping = new ArrayList<>(history);
        skipping.remove(1);
        thenRefuses(restore(restored, skipping), Kind.INVALID_REFERENCE, "sequence");
        // The edit of s1 without the event that created it.
        List<Event> withoutTheStory = new ArrayList<>();
        for (Event event : history.subList(1, history.size())) {
            withoutTheStory.add(new Event(event.eventId(), event.candidateId(), event.sequence() - 1,
                    event.occurredAt(), event.recordedAt(), event.actor(), event.commandId(), event.payload()));
        }
        thenRefuses(restore(restored, withoutTheStory), Kind.INVALID_REFERENCE, "payload");
        assertThat(restored.model()).isEqualTo(WriteModel.EMPTY);
    }

    /** Story, attempt, feedback on it, an edit addressing it, the triage, a second story retired. */
    private List<Event> aWeekOfPractice(InMemoryCandidate candidate) {
        List<Event> events = new ArrayList<>();
        for (Command command : List.of(command(aStarStory("s1")),
                command(anAttempt("a1", "s1", null, "star", List.of(new SectionPractice("situation", 70, 3)))),
                command(aCoachsFeedback("f1", "a1", "s1", "action")),
                command(anEditOf("s1", 1, List.of("f1"))),
                command(addressing("f1")),
                command(aStarStory("s2")),
                command(retiring("s2")))) {
            events.addAll(accepted(decide(candidate, command)).events());
        }
        return events;
    }

    private Decision restore(InMemoryCandidate candidate, List<Event> events) {
        return decide(candidate, command(new RestoreEvents(events)));
    }

    private Decision decide(InMemoryCandidate candidate, Command command) {
        Decision decision = decider.decide(candidate, command);
        candidate.keep(command.commandId(), decision);
        return decision;
    }

    private static List<List<Event>> batches(List<Event> events, int size) {
        List<List<Event>> batches = new ArrayList<>();
        for (int from = 0; from < events.size(); from += size) {
            batches.add(events.subList(from, Math.min(events.size(), from + size)));
        }
        return batches;
    }

    private static Decision.Accepted accepted(Decision decision) {
        assertThat(decision).as("%s", decision.result()).isInstanceOf(Decision.Accepted.class);
        return (Decision.Accepted) decision;
    }

    private static void thenRefuses(Decision decision, Kind kind, String field) {
        assertThat(decision).isInstanceOf(Decision.Rejected.class);
        Rejection rejection = ((CommandResult.Rejected) decision.result()).rejection();
        assertThat(rejection.kind()).as(rejection.message()).isEqualTo(kind);
        assertThat(rejection.field()).isEqualTo(field);
        assertThat(rejection.message()).isNotBlank();
    }
}
