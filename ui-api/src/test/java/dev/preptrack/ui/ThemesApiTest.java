package dev.preptrack.ui;

import static dev.preptrack.ui.WriteApiTest.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.preptrack.outputs.ReadinessSnapshot;
import dev.preptrack.outputs.ThemesSnapshot;
import dev.preptrack.schemas.Subjects;
import dev.preptrack.schemas.registry.SchemaRegistryClient;
import dev.preptrack.schemas.serde.SpecificAvroDeserializer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Feedback themes over HTTP against the real broker (read-your-writes, recurrence, clusters),
 * and the projections' compacted output topics as another tool would consume them.
 */
@Tag("integration")
@Timeout(300)
class ThemesApiTest {

    @RegisterExtension
    static final RunningPreptrack RUNNING = new RunningPreptrack();
    static Api api;

    @BeforeAll
    static void connect() {
        api = RUNNING.api();
    }

    @Test
    void a_themes_read_with_the_position_of_a_write_sees_that_write_every_time() {
        String candidate = "cand-themes-ryw";
        for (int i = 1; i <= 30; i++) {
            var written = api.post(path(candidate, "/feedback"), feedback(null, "coach anna", "numbers? " + i));
            assertThat(written.status()).as("%s", written).isEqualTo(201);

            var read = api.get(path(candidate, "/themes?after=" + written.json().path("position").asText()));

            assertThat(read.status()).as("%s", read).isEqualTo(200);
            assertThat(theme(read.json(), "impact-metrics").path("count").asInt()).as("after write %d", i).isEqualTo(i);
        }
    }

    @Test
    void a_week_of_feedback_shows_what_recurs_what_is_open_and_what_fits_no_theme() {
        String candidate = "cand-themes-week";
        for (String attempt : List.of("mock-1", "mock-2", "mock-3")) {
            var logged = api.post(path(candidate, "/attempts"), "{\"attemptId\": \"" + attempt + "\", \"rubric\": \"star\", "
                    + "\"mode\": \"peer-mock\", \"sections\": [{\"section\": \"result\", \"seconds\": 40}]}");
            assertThat(logged.status()).as("%s", logged).isEqualTo(201);
        }
        List<String> positions = new ArrayList<>();
        positions.add(post(candidate, feedback("mock-1", "coach anna", "Good energy. But 40% of what? Give the baseline.")));
        positions.add(post(candidate, feedback("mock-1", "peer bo", "way over time, the situation alone took 3 minutes")));
        positions.add(post(candidate, feedback("mock-2", "peer bo", "how much did it actually save?")));
        positions.add(post(candidate, feedback("mock-2", "peer bo", "your mic kept cutting out")));
        positions.add(post(candidate, feedback("mock-3", "coach anna", "the mic was cutting out again")));
        String last = positions.get(positions.size() - 1);

        JsonNode themes = api.get(path(candidate, "/themes?after=" + last)).json();

        assertThat(themes.path("rulesVersion").asInt()).isEqualTo(1);
        JsonNode metrics = theme(themes, "impact-metrics");
        assertThat(metrics.path("count").asInt()).isEqualTo(2);
        assertThat(metrics.path("sessions").asInt()).isEqualTo(2);
        assertThat(metrics.path("sources").asInt()).isEqualTo(2);
        assertThat(metrics.path("recurring").asBoolean()).isTrue();
        assertThat(metrics.path("open").asInt()).isEqualTo(2);
        assertThat(metrics.path("trend").asText()).isEqualTo("new");
        assertThat(metrics.path("examples")).hasSize(2);
        assertThat(theme(themes, "time-management").path("recurring").asBoolean()).isFalse();
        assertThat(themes.path("themes").get(0).path("theme").asText()).isEqualTo("impact-metrics");
        assertThat(themes.path("emerging")).singleElement().satisfies(cluster -> {
            assertThat(cluster.path("count").asInt()).isEqualTo(2);
            assertThat(cluster.path("label").asText()).contains("mic");
        });

        JsonNode items = api.get(path(candidate, "/feedback?after=" + last)).json().path("items");
        assertThat(items.get(0).path("themes")).extracting(JsonNode::asText).containsExactly("impact-metrics", "praise");
        assertThat(items.get(0).path("status").asText()).isEqualTo("open");
        assertThat(items.get(0).path("why").get(0).path("theme").asText()).isEqualTo("impact-metrics");
        assertThat(items.get(0).path("why").get(0).path("clause").asText()).isEqualTo("But 40% of what?");
        assertThat(items.get(3).path("themes")).isEmpty();
    }

    @Test
    void the_output_topics_carry_each_candidates_latest_readiness_and_themes_in_avro() throws Exception {
        String candidate = "cand-outputs";
        post(candidate, feedback(null, "coach anna", "numbers?"));
        api.post(path(candidate, "/attempts"), "{\"rubric\": \"star\", \"mode\": \"solo\", "
                + "\"sections\": [{\"section\": \"action\", \"seconds\": 80, \"selfScore\": 4}]}");

        var preptrack = RUNNING.preptrack();
        var registry = SchemaRegistryClient.forUrl(preptrack.registryUrl());
        Properties props = preptrack.kafka().properties();
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "output-reader-" + UUID.randomUUID());
        try (var readiness = new KafkaConsumer<>(props, new StringDeserializer(),
                new SpecificAvroDeserializer<>(registry, ReadinessSnapshot.class));
                var themes = new KafkaConsumer<>(props, new StringDeserializer(),
                        new SpecificAvroDeserializer<>(registry, ThemesSnapshot.class));
                var admin = Admin.create(preptrack.kafka().config())) {
            readiness.subscribe(List.of(Subjects.readinessTopic(1)));
            themes.subscribe(List.of(Subjects.themesTopic(1)));

            Map<String, ReadinessSnapshot> latestReadiness = new HashMap<>();
            Map<String, ThemesSnapshot> latestThemes = new HashMap<>();
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                readiness.poll(Duration.ofMillis(200)).forEach(r -> latestReadiness.put(r.key(), r.value()));
                themes.poll(Duration.ofMillis(200)).forEach(r -> latestThemes.put(r.key(), r.value()));
                return latestReadiness.containsKey(candidate) && latestReadiness.get(candidate).getSequence() == 2
                        && latestThemes.containsKey(candidate);
            });
            assertThat(latestThemes.get(candidate).getThemes().get(0).getTheme()).isEqualTo("impact-metrics");
            assertThat(latestReadiness.get(candidate).getRubrics().get(0).getSections().get(2).getAttempts()).isEqualTo(1);

            var config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC,
                    Subjects.readinessTopic(1)))).all().get().values().iterator().next();
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    private static String post(String candidate, String body) {
        var written = api.post(path(candidate, "/feedback"), body);
        assertThat(written.status()).as("%s", written).isEqualTo(201);
        return written.json().path("position").asText();
    }

    /** Feedback on an attempt (a session), or on none. */
    private static String feedback(String attemptId, String source, String text) {
        return "{\"text\": \"" + text + "\", \"source\": {\"name\": \"" + source + "\", \"role\": \"coach\"}"
                + (attemptId == null ? "" : ", \"attemptId\": \"" + attemptId + "\"") + "}";
    }

    private static JsonNode theme(JsonNode report, String id) {
        for (JsonNode theme : report.path("themes")) {
            if (theme.path("theme").asText().equals(id)) {
                return theme;
            }
        }
        throw new AssertionError(id + " not in " + report);
    }
}
