package dev.preptrack.ui;

import static dev.preptrack.ui.WriteApiTest.path;
import static org.assertj.core.api.Assertions.assertThat;

import dev.preptrack.backbone.kafka.EmbeddedKafkaBroker;
import dev.preptrack.projections.replay.SetRetirement;
import dev.preptrack.projections.topology.ProjectionSet;
import dev.preptrack.projections.topology.ProjectionSettings;
import dev.preptrack.schemas.Subjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The active version's projections, when Kafka Streams has never folded the log for them (a build
 * whose topology changed has a new application id: no state, no offsets), are folded from the log
 * before they start, and answer as the projections that folded it event by event did.
 */
@Tag("integration")
@Timeout(300)
class FoldFromLogAtStartTest {

    private static final List<String> CANDIDATES = List.of("ana", "ben", "cy", "dee");
    private static final String AS_OF = "2026-11-20T12:00:00Z";

    @Test
    void projections_that_never_folded_the_log_fold_it_at_start_and_answer_as_before() throws Exception {
        Path home = Files.createTempDirectory("preptrack-fold-at-start");
        Map<String, String> before = new HashMap<>();
        try (var first = Preptrack.start(TestInstances.embeddedIn(home))) {
            var api = new Api(first.port(), first.token().value());
            for (String candidate : CANDIDATES) {
                for (int attempt = 0; attempt < 12; attempt++) {
                    String at = String.format("2026-%02d-%02dT10:00:00Z", 9 + attempt / 5, 1 + attempt * 5 % 28);
                    ok(api.post(path(candidate, "/attempts"), "{\"rubric\": \"star\", \"mode\": \"solo\","
                            + " \"occurredAt\": \"" + at + "\", \"sections\": [{\"section\": \"situation\", \"seconds\": "
                            + (30 + attempt * 9 + candidate.length()) + ", \"selfScore\": " + (1 + attempt % 5) + "}]}"));
                    if (attempt % 3 == 0) {
                        ok(api.post(path(candidate, "/feedback"), "{\"text\": \"what was the impact? numbers please\","
                                + " \"source\": {\"role\": \"coach\", \"name\": \"Kim\"}, \"rubric\": \"star\","
                                + " \"section\": \"situation\", \"score\": " + (1 + attempt % 4) + ", \"occurredAt\": \""
                                + at + "\"}"));
                    }
                }
            }
            for (String candidate : CANDIDATES) {
                before.put(candidate, answers(api, candidate));
            }
        }

        // As a build with another topology finds it: the set's offsets, changelogs, outputs and state gone.
        String set = ProjectionSettings.applicationId(1);
        try (var broker = EmbeddedKafkaBroker.start(home, 0, Duration.ofSeconds(60))) {
            // The stopped instance stays a (static) member of the group until its session times out.
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> SetRetirement.deleteEverywhere(broker.kafka(), set, ProjectionSet.outputTopics(1)));
        }
        ProjectionSet.deleteState(home.resolve("state"), set);

        try (var second = Preptrack.start(TestInstances.embeddedIn(home))) {
            var api = new Api(second.port(), second.token().value());
            // Committed by the log fold, with its stores, not by Kafka Streams folding event by event.
            try (var admin = Admin.create(second.kafka().properties())) {
                var committed = admin.listConsumerGroupOffsets(set).partitionsToOffsetAndMetadata().get();
                assertThat(committed.keySet()).extracting(tp -> tp.topic()).contains(Subjects.EVENTS_TOPIC);
                assertThat(committed.values()).allSatisfy(offset -> assertThat(offset.metadata())
                        .isEqualTo("preptrack-log-fold"));
            }
            for (String candidate : CANDIDATES) {
                assertThat(answers(api, candidate)).as(candidate).isEqualTo(before.get(candidate));
            }
            // And it published every candidate's readiness again (the output topic was left from before).
            var published = new java.util.HashSet<String>();
            var props = second.kafka().properties();
            props.put("group.id", "fold-at-start-test");
            props.put("auto.offset.reset", "earliest");
            try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(props,
                    new org.apache.kafka.common.serialization.StringDeserializer(),
                    new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
                consumer.subscribe(List.of(Subjects.readinessTopic(1)));
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(record -> published.add(record.key()));
                    return published.containsAll(CANDIDATES);
                });
            }
        }
    }

    /**
     * Readiness at two dates (the later from the latest evidence, the earlier from a checkpoint), the
     * themes and the feedback list, as answered (the themes' own "now" left out).
     */
    private static String answers(Api api, String candidate) throws Exception {
        var themes = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(ok(api.get(path(candidate, "/themes"))));
        themes.remove("asOf");
        return String.join("\n", ok(api.get(path(candidate, "/readiness?asOf=" + AS_OF))),
                ok(api.get(path(candidate, "/readiness?asOf=2026-10-03T00:00:00Z"))), themes.toString(),
                ok(api.get(path(candidate, "/feedback"))));
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static String ok(Api.Answer answer) {
        assertThat(answer.status()).as("%s", answer).isBetween(200, 299);
        return answer.body();
    }
}
