package dev.preptrack.projections.topology;

import dev.preptrack.domain.event.Event;
import dev.preptrack.events.Envelope;
import dev.preptrack.events.FeedbackReceived;
import dev.preptrack.events.PracticeAttemptLogged;
import dev.preptrack.projections.ReadinessEvidence;
import dev.preptrack.projections.readiness.CandidateEvidence;
import dev.preptrack.projections.readiness.ReadinessFold;
import dev.preptrack.projections.readiness.ReadinessReport;
import dev.preptrack.rules.Rules;
import dev.preptrack.rules.RulesLoader;
import dev.preptrack.schemas.SampleEvents;
import dev.preptrack.schemas.TestDriverProperties;
import dev.preptrack.schemas.codec.EventCodec;
import dev.preptrack.schemas.serde.PlainAvroSerde;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;


/** The readiness timeline under TopologyTestDriver: as-of readiness from its store equals a direct fold of the log. */
class ReadinessTimelineTest {

    /** The drivers' state directory, this test's own ({@link TestDriverProperties#isolated}). */
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path stateDir;

    private static final Rules RULES = RulesLoader.defaults();

    private TopologyTestDriver driver;
    private TestInputTopic<String, Envelope> events;
    private KeyValueStore<String, Envelope> store;
    private KeyValueStore<String, ReadinessEvidence> checkpoints;

    @BeforeEach
    void startTopology() {
        var props = TestDriverProperties.isolated("readiness-timeline-test", stateDir);
        driver = new TopologyTestDriver(ReadinessTimeline.build(new EventsSource("events", Serdes.String(),
                PlainAvroSerde.of(Envelope.class)), PlainAvroSerde.of(ReadinessEvidence.class), RULES), props);
        events = driver.createInputTopic("events", Serdes.String().serializer(),
                PlainAvroSerde.of(Envelope.class).serializer());
        store = driver.getKeyValueStore(ReadinessTimeline.STORE);
        checkpoints = driver.getKeyValueStore(ReadinessTimeline.CHECKPOINTS);
    }

    @AfterEach
    void closeTopology() {
        driver.close();
    }

    /**
     * The daily checkpoints give, for any instant, exactly (bit for bit) the evidence a fold of the
     * log up to then gives, or decline (backdated events on that day) — and decline only then.
     * Many random histories: attempts and feedback over two weeks, some logged late and dated back,
     * redeliveries, a second candidate whose id is a prefix of the first's.
     */
    @Test
    void checkpoints_give_exactly_the_fold_of_the_log_up_to_any_instant_or_decline_when_that_day_was_backdated() {
        int answered = 0;
        int declined = 0;
        for (long seed = 1; seed <= 40; seed++) {
            var random = new java.util.Random(seed);
            List<Envelope> log = aFreshTopologyGiven(randomHistory("alice", random));
            pipe(randomHistory("al", random));
            pipe(log.subList(0, Math.min(4, log.size()))); // redelivered
            for (int i = 0; i < 25; i++) {
                Instant asOf = SampleEvents.MONDAY.minus(Duration.ofDays(1)).plusSeconds(random.nextInt(17 * 86_400));
                var checkpointed = ReadinessTimeline.evidenceAt(checkpoints, store, "alice", asOf, RULES);
                long day = Math.floorDiv(asOf.toEpochMilli(), ReadinessTimeline.PERIOD_MILLIS);
                long lastSequenceBeforeThatDay = log.stream()
                        .filter(event -> Math.floorDiv(event.getOccurredAt().toEpochMilli(), ReadinessTimeline.PERIOD_MILLIS) < day)
                        .mapToLong(Envelope::getSequence).max().orElse(0);
                boolean thatDayBackdated = log.stream().anyMatch(event -> !event.getOccurredAt().isAfter(asOf)
                        && Math.floorDiv(event.getOccurredAt().toEpochMilli(), ReadinessTimeline.PERIOD_MILLIS) == day
                        && event.getSequence() < lastSequenceBeforeThatDay
                        && ReadinessFold.concerns(EventCodec.decode(event)));
                if (checkpointed.isPresent()) {
                    answered++;
                    assertThat(checkpointed.get()).as("seed %d, as of %s", seed, asOf)
                            .isEqualTo(directFold(log, asOf));
                } else {
                    declined++;
                }
                assertThat(checkpointed.isEmpty()).as("declined, seed %d, as of %s", seed, asOf)
                        .isEqualTo(thatDayBackdated);
            }
        }
        assertThat(answered).isGreaterThan(declined);
        assertThat(declined).isPositive();
    }

    /**
     * A rebuild's checkpoints, folded in memory with only the latest week held ({@link ReadinessTimeline.Checkpoints}),
     * are the indexer's store exactly: the same keys, the same evidence. Histories dated back further
     * than the week held are folded again with every week held, as a rebuild does.
     */
    @Test
    void checkpoints_folded_in_memory_with_only_the_latest_week_held_equal_the_indexers_store() {
        int refolded = 0;
        for (long seed = 1; seed <= 40; seed++) {
            List<Envelope> log = aFreshTopologyGiven(randomHistory("alice", new java.util.Random(seed)));
            var stored = new java.util.TreeMap<String, CandidateEvidence>();
            try (var all = checkpoints.all()) {
                all.forEachRemaining(entry -> stored.put(entry.key,
                        dev.preptrack.projections.readiness.EvidenceCodec.fromRecord(entry.value)));
            }
            // Read only at the end: a checkpoint handed out must never change afterwards.
            var handedOut = new java.util.TreeMap<String, dev.preptrack.projections.readiness.OpenEvidence>();
            var held = new ReadinessTimeline.Checkpoints("alice", RULES, 0);
            foldInto(held, log, handedOut);
            if (held.needsRefold()) {
                refolded++;
                foldInto(new ReadinessTimeline.Checkpoints("alice", RULES, Long.MAX_VALUE), log, handedOut);
            }
            var folded = new java.util.TreeMap<String, CandidateEvidence>();
            handedOut.forEach((key, evidence) -> folded.put(key, evidence.evidence()));
            assertThat(folded).as("seed %d", seed).isEqualTo(stored);
        }
        assertThat(refolded).as("histories dated back past the week held").isBetween(1, 39);
    }

    /** The topology started afresh, {@code log} piped into it. */
    private List<Envelope> aFreshTopologyGiven(List<Envelope> log) {
        driver.close();
        startTopology();
        pipe(log);
        return log;
    }

    private static void foldInto(ReadinessTimeline.Checkpoints checkpoints, List<Envelope> log,
            java.util.Map<String, dev.preptrack.projections.readiness.OpenEvidence> out) {
        for (Envelope envelope : log) {
            Event event = EventCodec.decode(envelope);
            if (ReadinessFold.concerns(event)) {
                checkpoints.fold(event, out::put);
            }
        }
        checkpoints.finish(out::put);
    }

    /** A story, then 30 attempts and feedback items: mostly in the order they happened, one in five dated back. */
    private static List<Envelope> randomHistory(String candidateId, java.util.Random random) {
        List<Envelope> log = new ArrayList<>(SampleEvents.oneOfEachType(candidateId).subList(0, 1));
        Instant clock = SampleEvents.MONDAY;
        for (int sequence = 2; sequence <= 31; sequence++) {
            clock = clock.plusSeconds(random.nextInt(20 * 3600));
            Instant at = random.nextInt(5) == 0 ? clock.minusSeconds(random.nextInt(5 * 86_400)) : clock;
            Object payload;
            if (random.nextBoolean()) {
                PracticeAttemptLogged attempt = SampleEvents.anAttemptOnTheStory();
                attempt.setAttemptId("attempt-" + sequence);
                attempt.setSelfScore(1 + random.nextInt(5));
                payload = attempt;
            } else {
                FeedbackReceived feedback = SampleEvents.aCoachsFeedback();
                feedback.setFeedbackId("fb-" + sequence);
                feedback.setScore(1 + random.nextInt(5));
                payload = feedback;
            }
            Envelope event = SampleEvents.envelope(candidateId, sequence - 1, payload);
            event.setOccurredAt(at);
            log.add(event);
        }
        return log;
    }

    @Test
    void readiness_as_of_any_time_from_the_store_equals_a_fold_of_the_log_up_to_then_backdated_events_included() {
        List<Envelope> log = aWeekWithBackdatedEvents("alice");
        pipe(log);
        pipe(aWeekWithBackdatedEvents("al")); // a candidate whose id is a prefix of another's

        for (int hours = 0; hours <= 24 * 8; hours += 6) {
            Instant asOf = SampleEvents.MONDAY.plus(Duration.ofHours(hours));
            var fromStore = ReadinessFold.asOf(ReadinessTimeline.upTo(store, "alice", asOf), asOf, RULES);
            assertThat(ReadinessReport.of(fromStore, RULES, asOf, null)).as("as of %s", asOf)
                    .isEqualTo(ReadinessReport.of(directFold(log, asOf), RULES, asOf, null));
        }
    }

    @Test
    void a_range_yields_one_candidates_events_in_the_order_they_happened_up_to_the_instant() {
        List<Envelope> log = aWeekWithBackdatedEvents("alice");
        pipe(log);
        pipe(aWeekWithBackdatedEvents("al"));
        pipe(log.subList(0, 3)); // redelivered: lands on the same keys

        Instant asOf = SampleEvents.MONDAY.plus(Duration.ofDays(2));
        List<Event> upTo = ReadinessTimeline.upTo(store, "alice", asOf);

        assertThat(upTo).extracting(Event::candidateId).containsOnly("alice");
        assertThat(upTo).isSortedAccordingTo(Comparator.comparing(Event::occurredAt));
        assertThat(upTo).containsExactlyInAnyOrderElementsOf(log.stream().map(EventCodec::decode)
                .filter(event -> !event.occurredAt().isAfter(asOf) && ReadinessFold.concerns(event)).toList());
    }

    @Test
    void events_that_cannot_change_readiness_are_not_kept() {
        pipe(SampleEvents.oneOfEachType("bob"));

        // Not the grant, its revocation or the retirement (6–8); the correction (9) and the naming (10)
        // are kept, as they can turn an item from criticism into praise or back, and so change a
        // section's open feedback.
        assertThat(ReadinessTimeline.upTo(store, "bob", SampleEvents.MONDAY.plus(Duration.ofDays(30))))
                .extracting(Event::sequence).containsExactly(1L, 2L, 3L, 4L, 5L, 9L, 10L);
    }

    /** Five days of practice, then an attempt and its feedback logged late, dated back into the week. */
    private static List<Envelope> aWeekWithBackdatedEvents(String candidateId) {
        List<Envelope> log = new ArrayList<>(SampleEvents.oneOfEachType(candidateId).subList(0, 5));
        PracticeAttemptLogged lateAttempt = SampleEvents.anAttemptOnTheStory();
        lateAttempt.setAttemptId("attempt-late");
        lateAttempt.setSelfScore(5);
        Envelope attempt = SampleEvents.envelope(candidateId, 6, lateAttempt);
        attempt.setOccurredAt(SampleEvents.MONDAY.plus(Duration.ofHours(13)));
        log.add(attempt);
        FeedbackReceived lateFeedback = SampleEvents.aCoachsFeedback();
        lateFeedback.setFeedbackId("fb-late");
        lateFeedback.setAttemptId("attempt-late");
        lateFeedback.setScore(5);
        Envelope feedback = SampleEvents.envelope(candidateId, 7, lateFeedback);
        feedback.setOccurredAt(SampleEvents.MONDAY.plus(Duration.ofHours(40)));
        log.add(feedback);
        return log;
    }

    /** What "as of" computed before the timeline: the fold over the log, in log order, of what had happened by then. */
    private static CandidateEvidence directFold(List<Envelope> log, Instant asOf) {
        CandidateEvidence evidence = CandidateEvidence.NONE;
        for (Envelope event : log) {
            if (!event.getOccurredAt().isAfter(asOf)) {
                evidence = ReadinessFold.apply(evidence, EventCodec.decode(event), RULES);
            }
        }
        return evidence;
    }

    private void pipe(List<Envelope> batch) {
        batch.forEach(event -> events.pipeInput(event.getCandidateId(), event));
    }
}
