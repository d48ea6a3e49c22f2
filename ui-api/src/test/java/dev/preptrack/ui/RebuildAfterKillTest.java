package dev.preptrack.ui;

import static dev.preptrack.ui.WriteApiTest.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.preptrack.events.Envelope;
import dev.preptrack.projections.query.CandidateOwners;
import dev.preptrack.projections.query.InMemoryReadModels;
import dev.preptrack.projections.query.ReadQueries;
import dev.preptrack.rules.Rules;
import dev.preptrack.rules.RulesLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A rebuild killed half way (SIGKILL, the whole process) resumes on restart from where its
 * committed offsets were, not from zero (a partition it had committed is not folded again), and ends as an uninterrupted one would: readiness and
 * themes equal a direct fold of the log under the published rules.
 */
@Tag("integration")
@Timeout(600)
class RebuildAfterKillTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START = Duration.ofSeconds(120);
    /** Enough that the rebuild runs for seconds, so the kill lands while it is under way; a year's practice each. */
    private static final List<String> CANDIDATES = java.util.stream.IntStream.range(0, 30)
            .mapToObj(i -> "candidate-" + i).toList();
    private static final int ATTEMPTS_EACH = 200;
    private static final String AS_OF = "2026-11-30T00:00:00Z";

    @Test
    void a_rebuild_killed_half_way_resumes_where_it_was_and_ends_as_an_uninterrupted_one() throws Exception {
        Path home = Files.createTempDirectory("preptrack-rebuild-kill");
        String published;
        Map<Integer, Long> committedAtKill;
        Map<Integer, Long> changelogAtKill;
        try (var first = PreptrackProcess.start(home, START)) {
            var api = first.api();
            for (String candidate : CANDIDATES) {
                var restored = api.send("POST", path(candidate, "/imports"), history(candidate), "Content-Type",
                        "application/x-ndjson");
                assertThat(restored.status()).as("%s", restored).isEqualTo(201);
            }
            ObjectNode rules = (ObjectNode) JSON.readTree(api.get("/api/v1/rules").body());
            ((ObjectNode) rules.path("readiness").path("weights")).put("performance", 0.3).put("practice", 0.4)
                    .put("timing", 0.3);
            published = rules.toString();
            var answer = api.post("/api/v1/rules", published);
            assertThat(answer.status()).as("%s", answer).isEqualTo(202);
            assertThat(answer.json().path("version").asInt()).isEqualTo(2);

            // Killed while the rebuild runs, once it has committed at least one partition (a log fold
            // commits a partition with its stores, whole), before it has caught up.
            JsonNode replay = Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                    .until(() -> api.get("/api/v1/replays/r2").json(), r -> !committed(first.kafka()).isEmpty()
                            || !r.path("state").asText().equals("running"));
            committedAtKill = committed(first.kafka());
            assertThat(replay.path("state").asText()).as("the kill must land during the rebuild: %s", replay)
                    .isEqualTo("running");
            changelogAtKill = changelogEnds(first.kafka(), committedAtKill.keySet());
            first.kill();
        }

        try (var second = PreptrackProcess.start(home, START)) {
            var api = second.api();
            // Reads answer at once, under version 1, while the rebuild goes on.
            var during = api.get(path(CANDIDATES.get(0), "/readiness"));
            assertThat(during.status()).as("%s", during).isEqualTo(200);
            Awaitility.await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200)).until(() ->
                    api.get("/api/v1/replays/r2").json().path("state").asText().equals("switched"));
            // Resumed, not from zero: a partition committed before the kill was not folded again (its
            // stores' changelog holds nothing more than then).
            assertThat(changelogEnds(second.kafka(), committedAtKill.keySet())).isEqualTo(changelogAtKill);

            Rules rules = RulesLoader.publishedAs(published, 2);
            List<Envelope> log = EventLog.events(second.kafka(), second.registryUrl);
            for (String candidate : CANDIDATES) {
                List<Envelope> events = log.stream().filter(e -> e.getCandidateId().equals(candidate)).toList();
                assertThat(events).hasSize(ATTEMPTS_EACH + ATTEMPTS_EACH / 10 + 1);
                ReadQueries direct = ReadQueries.over(new InMemoryReadModels(rules).given(events),
                        CandidateOwners.ALONE, id -> events, rules, Clock.fixed(Instant.parse(AS_OF), ZoneOffset.UTC));
                JsonNode live = api.get(path(candidate, "/readiness?asOf=" + AS_OF)).json();
                assertThat(live.path("rulesVersion").asInt()).isEqualTo(2);
                assertThat(scores(live)).isEqualTo(scores(JSON.valueToTree(
                        direct.readiness().readiness(candidate, null, AS_OF, 0))));
                assertThat(themeCounts(api.get(path(candidate, "/themes")).json()))
                        .isEqualTo(themeCounts(JSON.valueToTree(direct.feedback().themes(candidate, 0))));
            }
        }
    }

    private static final String SET = dev.preptrack.projections.topology.ProjectionSettings.applicationId(2);

    /** The rebuilding set's committed offsets on the events topic, by partition. */
    private static Map<Integer, Long> committed(dev.preptrack.schemas.kafka.KafkaAccess kafka) {
        try (var admin = org.apache.kafka.clients.admin.Admin.create(kafka.properties())) {
            Map<Integer, Long> committed = new TreeMap<>();
            admin.listConsumerGroupOffsets(SET).partitionsToOffsetAndMetadata().get().forEach((tp, offset) -> {
                if (offset != null && tp.topic().equals(dev.preptrack.schemas.Subjects.EVENTS_TOPIC)) {
                    committed.put(tp.partition(), offset.offset());
                }
            });
            return committed;
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The end of the rebuilding set's readiness store changelog in {@code partitions}. */
    private static Map<Integer, Long> changelogEnds(dev.preptrack.schemas.kafka.KafkaAccess kafka,
            java.util.Set<Integer> partitions) throws Exception {
        String topic = dev.preptrack.projections.replay.LogRebuild.changelogTopic(SET,
                dev.preptrack.projections.topology.ReadinessBySection.STORE);
        try (var admin = org.apache.kafka.clients.admin.Admin.create(kafka.properties())) {
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest =
                    new java.util.HashMap<>();
            partitions.forEach(p -> latest.put(new org.apache.kafka.common.TopicPartition(topic, p),
                    org.apache.kafka.clients.admin.OffsetSpec.latest()));
            Map<Integer, Long> ends = new TreeMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp.partition(), info.offset()));
            return ends;
        }
    }

    /** A story, then attempts an hour apart with feedback on every tenth, as an export restores them. */
    private static String history(String candidate) {
        var random = new Random(candidate.hashCode());
        var lines = new StringBuilder();
        Instant at = Instant.parse("2026-03-01T08:00:00Z");
        int sequence = 0;
        lines.append(line(candidate, ++sequence, at, "{\"type\": \"StoryCreated\", \"storyId\": \"s1\", \"title\": "
                + "\"Migration\", \"rubric\": \"star\", \"sections\": {\"situation\": \"a monolith\"}, \"tags\": [], "
                + "\"prompt\": null, \"notes\": []}"));
        for (int i = 0; i < ATTEMPTS_EACH; i++) {
            at = at.plusSeconds(3600 * 20);
            lines.append(line(candidate, ++sequence, at, String.format(Locale.ROOT, "{\"type\": "
                    + "\"PracticeAttemptLogged\", \"attemptId\": \"a%d\", \"storyId\": \"s1\", \"storyVersion\": 1, "
                    + "\"rubric\": \"star\", \"prompt\": null, \"mode\": \"solo\", \"selfScore\": %d, \"sections\": ["
                    + "{\"section\": \"situation\", \"seconds\": %d, \"selfScore\": %d}, "
                    + "{\"section\": \"action\", \"seconds\": %d, \"selfScore\": null}]}", i, 1 + random.nextInt(5),
                    20 + random.nextInt(60), 1 + random.nextInt(5), 60 + random.nextInt(90))));
            if (i % 10 == 9) {
                lines.append(line(candidate, ++sequence, at, "{\"type\": \"FeedbackReceived\", \"feedbackId\": \"f" + i
                        + "\", \"source\": {\"name\": \"Coach " + random.nextInt(3) + "\", \"role\": \"coach\"}, "
                        + "\"text\": \"" + (random.nextBoolean() ? "what was the impact? numbers please"
                        : "too much context, get to the action sooner") + "\", \"attemptId\": \"a" + i + "\", "
                        + "\"storyId\": \"s1\", \"rubric\": \"star\", \"section\": \"situation\", \"score\": "
                        + (1 + random.nextInt(5)) + "}"));
            }
        }
        return lines.toString();
    }

    private static String line(String candidate, int sequence, Instant at, String payload) {
        return "{\"eventId\": \"" + UUID.nameUUIDFromBytes((candidate + sequence).getBytes()) + "\", \"candidateId\": \""
                + candidate + "\", \"sequence\": " + sequence + ", \"occurredAt\": \"" + at + "\", \"recordedAt\": \""
                + at + "\", \"actor\": {\"id\": \"" + candidate + "\", \"role\": \"candidate\"}, \"commandId\": \"c"
                + sequence + "\", \"payload\": " + payload + "}\n";
    }

    private static Map<String, String> scores(JsonNode answer) {
        Map<String, String> scores = new TreeMap<>();
        for (JsonNode rubric : answer.path("rubrics")) {
            scores.put(rubric.path("rubric").asText(), rubric.path("score").asText());
            for (JsonNode section : rubric.path("sections")) {
                scores.put(rubric.path("rubric").asText() + "/" + section.path("section").asText(),
                        section.path("score").asText() + " " + section.path("components"));
            }
        }
        return scores;
    }

    private static List<String> themeCounts(JsonNode answer) {
        List<String> counts = new ArrayList<>();
        answer.path("themes").forEach(t -> counts.add(t.path("theme").asText() + " " + t.path("count").asInt()
                + " " + t.path("status").asText()));
        return counts;
    }
}
