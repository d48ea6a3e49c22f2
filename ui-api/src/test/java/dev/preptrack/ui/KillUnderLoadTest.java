package dev.preptrack.ui;

import static dev.preptrack.ui.WriteApiTest.aStory;
import static dev.preptrack.ui.WriteApiTest.anAttempt;
import static dev.preptrack.ui.WriteApiTest.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.preptrack.events.Envelope;
import dev.preptrack.events.FeedbackReceived;
import dev.preptrack.events.PracticeAttemptLogged;
import dev.preptrack.projections.query.CandidateOwners;
import dev.preptrack.projections.query.ReadModels;
import dev.preptrack.projections.query.ReadQueries;
import dev.preptrack.projections.topology.ProjectionSet;
import dev.preptrack.rules.RulesLoader;
import dev.preptrack.ui.wiring.StreamsSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault suite's crash case: three rounds of four clients writing over HTTP while the whole
 * process (broker, writer, projections) is killed with SIGKILL at a random moment, then started
 * again on the same home. After every restart each acknowledged write is in the log exactly once
 * and visible in every read model at the first read; after the last, the projections that lived
 * through the kills equal a fresh replay of the log.
 */
@Tag("integration")
@Tag("fault")
@Timeout(600)
class KillUnderLoadTest {

    private static final Duration START = Duration.ofSeconds(120);
    private static final int CLIENTS = 4;
    private static final int ROUNDS = 3;

    @TempDir
    Path home;

    /** Event ids answered 201, whatever happened to the connection afterwards. */
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();

    @Test
    void every_acknowledged_write_survives_three_kills_under_load_exactly_once_and_replay_equals_live()
            throws Exception {
        var preptrack = PreptrackProcess.start(home, START);
        for (int round = 1; round <= ROUNDS; round++) {
            writeUntilKilled(preptrack, Duration.ofMillis(500 + ThreadLocalRandom.current().nextInt(2500)));
            long killed = System.nanoTime();
            preptrack = PreptrackProcess.start(home, START);
            // A figure for the report, not an assertion: timings belong in benchmarks/kill-restart.sh.
            System.out.printf("round %d: healthy %.1f s after the kill; %d writes acknowledged so far%n", round,
                    (System.nanoTime() - killed) / 1e9, acknowledged.size());
            assertEveryAcknowledgedWriteIsInTheLogOnceAndRead(preptrack, round);
        }
        preptrack.kill();

        // The projections that lived through the kills, in this JVM, against a fresh fold of the log.
        try (var live = Preptrack.start(TestInstances.embeddedIn(home))) {
            var settings = new StreamsSettings(live.kafka(), home.resolve("replay-state"), (short) 1,
                    "preptrack.dead-letters", "replay-" + UUID.randomUUID());
            try (var replay = ProjectionSet.start(settings.common(), TestInstances.registry(live),
                    RulesLoader.defaults(), "127.0.0.1:1", "preptrack-kill-replay-" + UUID.randomUUID())) {
                Awaitility.await().atMost(Duration.ofSeconds(60))
                        .until(() -> replay.state() == KafkaStreams.State.RUNNING);
                Clock at = Clock.fixed(Instant.now().plus(Duration.ofDays(1)), ZoneOffset.UTC);
                long end = EventLog.events(live.kafka(), live.registryUrl()).size();
                ReadQueries replayed = queries(replay.readModels(Duration.ofSeconds(30)), at);
                ReadQueries survived = queries(live.projections().readModels(Duration.ofSeconds(30)), at);
                for (int client = 0; client < CLIENTS; client++) {
                    String id = candidate(client);
                    long after = lastSequence(live, id);
                    assertThat(end).isPositive();
                    assertThat(survived.stories().stories(id, after)).as(id).isEqualTo(replayed.stories().stories(id, after));
                    assertThat(survived.feedback().feedback(id, after)).as(id)
                            .isEqualTo(replayed.feedback().feedback(id, after));
                    assertThat(survived.feedback().themes(id, after)).as(id)
                            .isEqualTo(replayed.feedback().themes(id, after));
                    assertThat(survived.readiness().readiness(id, null, null, after)).as(id)
                            .isEqualTo(replayed.readiness().readiness(id, null, null, after));
                }
            }
        }
    }

    /** Four clients write as fast as answers come until the process is killed under them. */
    private void writeUntilKilled(PreptrackProcess preptrack, Duration before) throws Exception {
        var stop = new AtomicBoolean();
        List<Thread> clients = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            String candidate = candidate(client);
            Api api = preptrack.api();
            var thread = new Thread(() -> {
                // Creating a story that exists already is refused with 409; either way it is there.
                api.post(path(candidate, "/stories"), aStory("oncall"), "Idempotency-Key", UUID.randomUUID().toString());
                for (int n = 0; !stop.get(); n++) {
                    try {
                        var answer = n % 2 == 0
                                ? api.post(path(candidate, "/attempts"), anAttempt(), "Idempotency-Key",
                                        UUID.randomUUID().toString())
                                : api.post(path(candidate, "/feedback"), "{\"text\": \"numbers? what was the baseline\","
                                        + " \"source\": {\"name\": \"anna\", \"role\": \"coach\"}}", "Idempotency-Key",
                                        UUID.randomUUID().toString());
                        if (answer.status() == 201) {
                            acknowledged.add(answer.json().path("eventId").asText());
                        }
                    } catch (RuntimeException connectionLost) {
                        return;
                    }
                }
            }, "writer-" + candidate);
            thread.start();
            clients.add(thread);
        }
        // The kill lands while writes flow: after every client has had answers (a fresh JVM's first
        // writes can take seconds), then at a random moment.
        long flowing = acknowledged.size() + 2L * CLIENTS;
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= flowing);
        Thread.sleep(before.toMillis());
        preptrack.kill();
        stop.set(true);
        for (Thread client : clients) {
            client.join(Duration.ofSeconds(30).toMillis());
        }
    }

    private void assertEveryAcknowledgedWriteIsInTheLogOnceAndRead(PreptrackProcess preptrack, int round) {
        Api api = preptrack.api();
        // The writer may still append, after the restart, what it had taken before the kill and never
        // answered (its transaction was aborted): such an event was never acknowledged, so it may be
        // seen or not. Every read is therefore bracketed by a read of the log before and after it.
        Map<String, Long> attemptsSeen = new HashMap<>();
        Map<String, Long> feedbackSeen = new HashMap<>();
        for (int client = 0; client < CLIENTS; client++) {
            String id = candidate(client);
            attemptsSeen.put(id, attemptsRead(api, id, ""));
            feedbackSeen.put(id, feedbackRead(api, id, ""));
        }
        List<Envelope> before = EventLog.events(preptrack.kafka(), preptrack.registryUrl);
        List<String> ids = before.stream().map(Envelope::getEventId).toList();
        assertThat(ids).as("round %d: nothing appended twice", round).doesNotHaveDuplicates();
        assertThat(ids).as("round %d: every acknowledged write", round).containsAll(acknowledged);
        assertThat(acknowledged).as("round %d: the load wrote something", round).hasSizeGreaterThan(round * CLIENTS);
        Map<String, Long> attemptsAtEnd = new HashMap<>();
        Map<String, Long> feedbackAtEnd = new HashMap<>();
        for (int client = 0; client < CLIENTS; client++) {
            String id = candidate(client);
            long last = mine(before, id).stream().mapToLong(Envelope::getSequence).max().orElse(0);
            attemptsAtEnd.put(id, attemptsRead(api, id, "&after=" + last));
            feedbackAtEnd.put(id, feedbackRead(api, id, "?after=" + last));
            assertThat(api.get(path(id, "/stories/oncall?after=" + last)).status()).as("round %d, %s", round, id)
                    .isEqualTo(200);
        }
        List<Envelope> after = EventLog.events(preptrack.kafka(), preptrack.registryUrl);
        assertThat(after.stream().map(Envelope::getEventId)).as("round %d: nothing appended twice", round)
                .doesNotHaveDuplicates();
        assertThat(after.stream().map(Envelope::getCommandId)).as("round %d: no command decided twice", round)
                .doesNotHaveDuplicates();

        for (int client = 0; client < CLIENTS; client++) {
            String id = candidate(client);
            // One writer per candidate: its history is numbered 1, 2, 3, … with no number twice or missing.
            List<Long> sequences = mine(after, id).stream().map(Envelope::getSequence).toList();
            List<Envelope> history = mine(after, id);
            assertThat(sequences).as(() -> String.format("round %d, %s: sequences; the log:%n%s", round, id,
                    String.join("\n", history.stream().map(event -> "seq " + event.getSequence() + " "
                            + event.getPayload().getClass().getSimpleName() + " " + event.getEventId() + " acknowledged="
                            + acknowledged.contains(event.getEventId()) + " command " + event.getCommandId()).toList())))
                    .isEqualTo(java.util.stream.LongStream.rangeClosed(1, sequences.size()).boxed().toList());
            List<Envelope> mine = mine(before, id);
            long lastAcknowledged = mine.stream().filter(event -> acknowledged.contains(event.getEventId()))
                    .mapToLong(Envelope::getSequence).max().orElse(0);
            List<Envelope> acknowledgedPart = mine.stream().filter(event -> event.getSequence() <= lastAcknowledged)
                    .toList();
            List<Envelope> mineAfter = mine(after, id);
            // Right after a restart, healthy means caught up with everything acknowledged before it.
            assertThat(attemptsSeen.get(id)).as("round %d, %s: attempts without after", round, id)
                    .isBetween(count(acknowledgedPart, PracticeAttemptLogged.class),
                            count(mineAfter, PracticeAttemptLogged.class));
            assertThat(feedbackSeen.get(id)).as("round %d, %s: feedback without after", round, id)
                    .isBetween(count(acknowledgedPart, FeedbackReceived.class), count(mineAfter, FeedbackReceived.class));
            // And at the log's last position, exactly the log (and at most what it held a moment later).
            assertThat(attemptsAtEnd.get(id)).as("round %d, %s: attempts", round, id)
                    .isBetween(count(mine, PracticeAttemptLogged.class), count(mineAfter, PracticeAttemptLogged.class));
            assertThat(feedbackAtEnd.get(id)).as("round %d, %s: feedback", round, id)
                    .isBetween(count(mine, FeedbackReceived.class), count(mineAfter, FeedbackReceived.class));
        }
    }

    private static List<Envelope> mine(List<Envelope> log, String candidate) {
        return log.stream().filter(event -> event.getCandidateId().equals(candidate)).toList();
    }

    private static long attemptsRead(Api api, String candidate, String after) {
        JsonNode sections = api.get(path(candidate, "/readiness?rubric=star" + after)).json()
                .path("rubrics").get(0).path("sections");
        for (JsonNode section : sections) {
            if (section.path("section").asText().equals("situation")) {
                return section.path("attempts").asLong();
            }
        }
        throw new AssertionError("no situation section in " + sections);
    }

    private static long feedbackRead(Api api, String candidate, String after) {
        return api.get(path(candidate, "/feedback" + after)).json().path("items").size();
    }

    private static long count(List<Envelope> events, Class<?> payload) {
        return events.stream().filter(event -> payload.isInstance(event.getPayload())).count();
    }

    private static long lastSequence(Preptrack live, String candidate) {
        return EventLog.events(live, candidate).stream().mapToLong(Envelope::getSequence).max().orElse(0);
    }

    private static String candidate(int client) {
        return "cand-kill-" + client;
    }

    private static ReadQueries queries(ReadModels models, Clock clock) {
        return ReadQueries.over(models, CandidateOwners.ALONE, candidateId -> List.of(), RulesLoader.defaults(), clock);
    }
}
