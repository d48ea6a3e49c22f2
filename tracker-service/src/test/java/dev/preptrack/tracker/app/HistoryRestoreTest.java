package dev.preptrack.tracker.app;

import static dev.preptrack.tracker.Commands.aStarStory;
import static dev.preptrack.tracker.Commands.anAttempt;
import static dev.preptrack.tracker.Commands.anEditOf;
import static dev.preptrack.tracker.Commands.command;
import static org.assertj.core.api.Assertions.assertThat;

import dev.preptrack.domain.event.Actor;
import dev.preptrack.domain.event.Event;
import dev.preptrack.domain.event.PracticeAttemptLogged.SectionPractice;
import dev.preptrack.rules.RulesLoader;
import dev.preptrack.tracker.Commands;
import dev.preptrack.tracker.domain.CommandDecider;
import dev.preptrack.tracker.domain.Decision;
import dev.preptrack.tracker.domain.InMemoryCandidate;
import dev.preptrack.tracker.domain.Rejection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A restore of more events than one batch holds, over the real decider in memory: every event
 * arrives once and in order, the same file again appends nothing, and a file refused part way
 * (a bad line after the first batch) goes on where it stopped once it is mended.
 */
class HistoryRestoreTest {

    private static final int EVENTS = 2 * HistoryRestore.BATCH_EVENTS + 500;
    private final InMemoryCommandBus bus = new InMemoryCommandBus(RulesLoader.defaults());
    private final WriteCommands writes = new WriteCommands(bus, Clock.systemUTC(), Duration.ofSeconds(5));
    private final Actor restorer = new Actor(Commands.CANDIDATE, Actor.Role.CANDIDATE);

    @Test
    void a_history_of_several_batches_restores_whole_and_in_order_and_again_appends_nothing() {
        List<Event> history = aLongHistory();

        HistoryRestore.Report first = restore(history);
        HistoryRestore.Report again = restore(history);

        assertThat(first.refusal()).isNull();
        assertThat(first.appended()).isEqualTo(EVENTS);
        assertThat(first.position()).isEqualTo(EVENTS);
        assertThat(bus.events(Commands.CANDIDATE)).isEqualTo(history);
        assertThat(again.appended()).isZero();
        assertThat(again.alreadyThere()).isEqualTo(EVENTS);
        assertThat(bus.events(Commands.CANDIDATE)).hasSize(EVENTS);
    }

    @Test
    void a_file_refused_part_way_goes_on_where_it_stopped_once_mended() {
        List<Event> history = aLongHistory();
        List<Event> broken = new ArrayList<>(history);
        int bad = HistoryRestore.BATCH_EVENTS + 10;
        Event original = history.get(bad);
        // The edit of a story no earlier line created.
        broken.set(bad, new Event(original.eventId(), original.candidateId(), original.sequence(), original.occurredAt(),
                original.recordedAt(), original.actor(), original.commandId(),
                new dev.preptrack.domain.event.StoryEdited("never-created", 1, 2, java.util.Map.of("action", "x"),
                        List.of(), null)));

        HistoryRestore.Report refused = restore(broken);

        assertThat(refused.refusal().kind()).isEqualTo(Rejection.Kind.INVALID_REFERENCE);
        assertThat(refused.refusedLine()).isEqualTo(bad + 1);
        assertThat(refused.appended()).isEqualTo(HistoryRestore.BATCH_EVENTS);

        HistoryRestore.Report mended = restore(history);

        assertThat(mended.refusal()).isNull();
        assertThat(mended.appended()).isEqualTo(EVENTS - HistoryRestore.BATCH_EVENTS);
        assertThat(bus.events(Commands.CANDIDATE)).isEqualTo(history);
    }

    private HistoryRestore.Report restore(List<Event> events) {
        List<HistoryRestore.Exported> lines = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            lines.add(new HistoryRestore.Exported(events.get(i), i + 1, 300));
        }
        return writes.restore(Commands.CANDIDATE, restorer, lines.iterator());
    }

    /** A story, then attempts on it with an edit among them, decided live elsewhere. */
    private static List<Event> aLongHistory() {
        var decider = new CommandDecider(RulesLoader.defaults());
        var candidate = new InMemoryCandidate();
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            var intent = i == 0 ? aStarStory("s1") : i == 700 ? anEditOf("s1", 1)
                    : anAttempt("a" + i, "s1", null, "star", List.of(new SectionPractice("situation", 40 + i % 20, 3)));
            var decided = command(intent);
            Decision decision = decider.decide(candidate, decided);
            candidate.keep(decided.commandId(), decision);
            events.addAll(((Decision.Accepted) decision).events());
        }
        return events;
    }
}
