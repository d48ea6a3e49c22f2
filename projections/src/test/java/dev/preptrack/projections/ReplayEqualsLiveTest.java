package dev.preptrack.projections;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preptrack.domain.event.Event;
import dev.preptrack.events.Actor;
import dev.preptrack.events.ActorRole;
import dev.preptrack.events.Envelope;
import dev.preptrack.projections.feedback.FeedbackLogFold;
import dev.preptrack.projections.readiness.EvidenceCodec;
import dev.preptrack.projections.readiness.ReadinessFold;
import dev.preptrack.projections.readiness.ReadinessReport;
import dev.preptrack.projections.stories.StoryBankFold;
import dev.preptrack.rules.Rules;
import dev.preptrack.rules.RulesLoader;
import dev.preptrack.schemas.codec.EventCodec;
import dev.preptrack.schemas.serde.PlainAvroSerde;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Replay equals live: folding events one by one, with restarts in between (state written to
 * its store's Avro form and read back, then the events since the last commit delivered again,
 * as at-least-once processing does after a crash), ends in the same state as one full replay.
 */
class ReplayEqualsLiveTest {

    private static final Rules RULES = RulesLoader.defaults();
    private static final Instant END = Instant.parse("2026-11-01T00:00:00Z").plus(Duration.ofDays(60));

    @Property(tries = 200)
    void live_processing_with_restarts_equals_a_full_replay(
            @ForAll("histories") List<Object[]> history, @ForAll long seed,
            @ForAll @Size(max = 6) List<@IntRange(min = 1, max = 40) Integer> restartsAfter) {
        List<Event> events = events(history);

        State replay = State.EMPTY;
        for (Event event : events) {
            replay = replay.apply(event);
        }

        var random = new Random(seed);
        State live = State.EMPTY;
        int committed = 0;
        for (int i = 0; i < events.size(); i++) {
            live = live.apply(events.get(i));
            if (restartsAfter.contains(i + 1)) {
                // A crash: the store survives (through its changelog), offsets were committed a little
                // earlier, so the events after the last commit arrive again.
                live = live.restored();
                int redeliverFrom = committed + random.nextInt(i + 1 - committed + 1);
                for (int j = redeliverFrom; j <= i; j++) {
                    live = live.apply(events.get(j));
                }
                committed = i + 1;
            }
        }

        assertThat(live.stories()).isEqualTo(replay.stories());
        assertThat(live.feedback()).isEqualTo(replay.feedback());
        assertThat(ReadinessReport.of(EvidenceCodec.fromRecord(live.readiness()), RULES, END, null))
                .isEqualTo(ReadinessReport.of(EvidenceCodec.fromRecord(replay.readiness()), RULES, END, null));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<List<Object[]>> histories() {
        return dev.preptrack.projections.readiness.ReadinessPropertiesTest.randomHistories();
    }

    /** The history as the topology sees it: logged as Avro envelopes, decoded once per record into domain events. */
    private static List<Event> events(List<Object[]> history) {
        List<Event> events = new ArrayList<>();
        long sequence = 0;
        for (Object[] event : history) {
            sequence++;
            events.add(EventCodec.decode(Envelope.newBuilder().setEventId("e" + sequence).setCandidateId("c")
                    .setSequence(sequence)
                    .setOccurredAt((Instant) event[1]).setRecordedAt((Instant) event[1])
                    .setActor(new Actor("c", ActorRole.CANDIDATE)).setCommandId("k" + sequence)
                    .setPayload(event[0]).build()));
        }
        return events;
    }

    /** The three projections' values for one candidate, as their stores hold them. */
    private record State(CandidateStories stories, CandidateFeedback feedback, ReadinessEvidence readiness) {
        static final State EMPTY = new State(null, null, null);
        static final FeedbackLogFold FEEDBACK = FeedbackLogFold.forRules(RULES.themes());

        State apply(Event event) {
            return new State(StoryBankFold.apply(stories, event), FEEDBACK.apply(feedback, event),
                    EvidenceCodec.toRecord(ReadinessFold.apply(EvidenceCodec.fromRecord(readiness), event, RULES)));
        }

        /** Through the stores' serialised form and back, as a restart restores them. */
        State restored() {
            return new State(roundTrip(stories, CandidateStories.class), roundTrip(feedback, CandidateFeedback.class),
                    roundTrip(readiness, ReadinessEvidence.class));
        }

        private static <T extends org.apache.avro.specific.SpecificRecord> T roundTrip(T value, Class<T> type) {
            var serde = PlainAvroSerde.of(type);
            return value == null ? null : serde.deserializer().deserialize("store", serde.serializer().serialize("store", value));
        }
    }
}
