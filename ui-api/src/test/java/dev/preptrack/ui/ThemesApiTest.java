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
        positions.add(post(candidate, feedback("mock-1", "coach anna", "Great energy, keep that. But 40% of what? Give the baseline.")));
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
        assertThat(metrics.path("status").asText()).isEqualTo("open");
        assertThat(metrics.path("givers").get(0).path("name").asText()).isIn("coach anna", "peer bo");
        // "Great energy, keep that. But …" praises and asks for a change: it counts for the change, and is no strength.
        assertThat(themes.path("strengths")).isEmpty();
        assertThat(themes.path("unsorted")).extracting(item -> item.path("text").asText())
                .containsExactly("your mic kept cutting out", "the mic was cutting out again");
        assertThat(themes.path("accounting").toString())
                .isEqualTo("{\"items\":5,\"criticism\":3,\"strengths\":0,\"unsorted\":2}");

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

    /**
     * A person's correction is an event: the item carries the themes they gave, the themes answer
     * counts it there, and a later item worded like it takes the same themes; what the rules do
     * not know is refused naming it, and nothing is appended.
     */
    @Test
    void a_correction_overrides_the_classifier_for_the_item_and_teaches_it_for_later_ones() {
        String candidate = "cand-themes-corrected";
        String text = "did the platform team really agree with the rollout plan in the end";
        var first = api.post(path(candidate, "/feedback"), "{\"feedbackId\": \"fb-agree\", \"text\": \"" + text
                + "\", \"source\": {\"name\": \"anna\", \"role\": \"coach\"}}");
        assertThat(first.status()).as("%s", first).isEqualTo(201);

        var unknown = api.post(path(candidate, "/feedback/fb-agree/themes"), "{\"themes\": [\"stakeholders\", \"politics\"]}");
        assertThat(unknown.status()).as("%s", unknown).isEqualTo(422);
        assertThat(unknown.json().path("errors").get(0).path("field").asText()).isEqualTo("themes[1]");
        assertThat(api.post(path(candidate, "/feedback/fb-nowhere/themes"), "{\"themes\": []}").status()).isEqualTo(404);
        assertThat(api.post(path(candidate, "/feedback/fb-agree/themes"), "{\"themes\": \"stakeholders\"}").status())
                .isEqualTo(400);

        var corrected = api.post(path(candidate, "/feedback/fb-agree/themes"),
                "{\"themes\": [\"Stakeholders\"], \"note\": \"it is about who disagreed\"}");
        assertThat(corrected.status()).as("%s", corrected).isEqualTo(200);
        String position = post(candidate, "{\"feedbackId\": \"fb-again\", \"text\": \"did the platform team agree with "
                + "the rollout plan\", \"source\": {\"name\": \"ravi\", \"role\": \"peer\"}}");

        JsonNode items = api.get(path(candidate, "/feedback?after=" + position)).json().path("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).path("themes")).extracting(JsonNode::asText).containsExactly("stakeholders");
        assertThat(items.get(0).path("correction").path("note").asText()).isEqualTo("it is about who disagreed");
        assertThat(items.get(0).path("why").get(0).path("pattern").asText()).startsWith("corrected by ");
        assertThat(items.get(1).path("themes")).extracting(JsonNode::asText).containsExactly("stakeholders");
        assertThat(items.get(1).path("learnedFrom").asText()).isEqualTo("fb-agree");
        JsonNode themes = api.get(path(candidate, "/themes?after=" + position)).json();
        assertThat(theme(themes, "stakeholders").path("count").asInt()).isEqualTo(2);
        assertThat(EventLog.events(RUNNING.preptrack(), candidate)).as("the refusals appended nothing").hasSize(3);
    }

    /**
     * An emerging cluster named by a person is a theme of their own: its items carry it, the themes
     * answer ranks it with the rules' themes under the title they gave, and a later item worded like
     * its items joins it; a title that is one of the rules' themes, an unknown item and a body without
     * items are refused naming the field, and nothing is appended.
     */
    @Test
    void an_emerging_cluster_named_by_a_person_becomes_a_theme_of_their_own() {
        String candidate = "cand-themes-named";
        post(candidate, feedback(null, "ravi", "your mic kept cutting out"));
        post(candidate, feedback(null, "anna", "the mic was cutting out again, get a headset"));
        String position = post(candidate, feedback(null, "anna", "can we move next week's mock to Thursday?"));
        JsonNode emerging = api.get(path(candidate, "/themes?after=" + position)).json().path("emerging");
        assertThat(emerging).as("%s", emerging).hasSize(1);
        String ids = emerging.get(0).path("feedbackIds").toString();
        assertThat(emerging.get(0).path("feedbackIds")).hasSize(2);

        var rulesOwn = api.post(path(candidate, "/themes"), "{\"title\": \"Delivery\", \"feedbackIds\": " + ids + "}");
        assertThat(rulesOwn.status()).as("%s", rulesOwn).isEqualTo(422);
        assertThat(rulesOwn.json().path("errors").get(0).path("field").asText()).isEqualTo("title");
        var unknown = api.post(path(candidate, "/themes"), "{\"title\": \"Audio\", \"feedbackIds\": [\"fb-nowhere\"]}");
        assertThat(unknown.status()).as("%s", unknown).isEqualTo(404);
        assertThat(unknown.json().path("errors").get(0).path("field").asText()).isEqualTo("feedbackIds[0]");
        assertThat(api.post(path(candidate, "/themes"), "{\"title\": \"Audio\"}").status()).isEqualTo(400);

        var named = api.post(path(candidate, "/themes"), "{\"title\": \"Audio setup\", \"feedbackIds\": " + ids
                + ", \"note\": \"a headset before every mock\"}");
        assertThat(named.status()).as("%s", named).isEqualTo(200);
        assertThat(named.json().path("id").asText()).isEqualTo("audio-setup");
        position = post(candidate, feedback(null, "anna", "mic cutting out again"));

        JsonNode themes = api.get(path(candidate, "/themes?after=" + position)).json();
        JsonNode audio = theme(themes, "audio-setup");
        assertThat(audio.path("title").asText()).isEqualTo("Audio setup");
        assertThat(audio.path("count").asInt()).as("%s", themes).isEqualTo(3);
        assertThat(audio.path("recurring").asBoolean()).isTrue();
        assertThat(themes.path("emerging")).isEmpty();
        assertThat(themes.path("unsorted")).hasSize(1);
        assertThat(themes.path("accounting").path("criticism").asInt()).isEqualTo(3);
        assertThat(EventLog.events(RUNNING.preptrack(), candidate)).as("the refusals appended nothing").hasSize(5);
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
