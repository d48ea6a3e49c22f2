package dev.preptrack.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preptrack.backbone.TestKafka;
import dev.preptrack.events.Envelope;
import dev.preptrack.schemas.SampleEvents;
import dev.preptrack.schemas.Subjects;
import dev.preptrack.schemas.registry.SchemaRegistryClient;
import dev.preptrack.schemas.serde.SpecificAvroDeserializer;
import dev.preptrack.schemas.serde.SpecificAvroSerializer;
import dev.preptrack.ui.cli.UpCommand;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default as {@code preptrack up} runs it: real broker, registry and HTTP server. */
@Tag("integration")
@Timeout(240)
class PreptrackUpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path home;

    @Test
    void health_is_up_and_names_the_kafka_cluster_and_registry_in_use() throws Exception {
        try (var preptrack = Preptrack.start(TestInstances.embeddedIn(home))) {
            var answer = get(preptrack, "/health", null);

            assertThat(answer.statusCode()).isEqualTo(200);
            JsonNode health = JSON.readTree(answer.body());
            assertThat(health.path("status").asText()).isEqualTo("UP");
            assertThat(health.path("kafka").path("bootstrapServers").asText()).isEqualTo(preptrack.kafka().bootstrapServers());
            assertThat(health.path("schemaRegistry").path("url").asText())
                    .isEqualTo("http://127.0.0.1:" + preptrack.port() + "/registry");
            assertThat(SchemaRegistryClient.forUrl(preptrack.registryUrl()).subjects()).contains(Subjects.EVENTS_VALUE);
        }
    }

    @Test
    void the_api_needs_the_token_created_on_first_start_with_owner_only_permissions() throws Exception {
        try (var preptrack = Preptrack.start(TestInstances.embeddedIn(home))) {
            Path tokenFile = home.resolve("token");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
            String token = Files.readString(tokenFile).trim();
            assertThat(preptrack.token().createdNow()).isTrue();

            assertThat(get(preptrack, "/api/v1/whoami", null).statusCode()).isEqualTo(401);
            var wrong = get(preptrack, "/api/v1/whoami", "not-" + token);
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(get(preptrack, "/api/v1/whoami", token).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void the_home_holding_the_log_and_the_token_is_made_private_even_when_it_was_created_open() throws Exception {
        Path open = Files.createDirectory(home.resolve("open-home"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));

        try (var preptrack = Preptrack.start(TestInstances.embeddedIn(open))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(open))).isEqualTo("rwx------");
            assertThat(UpCommand.dashboardUrl(preptrack)).isEqualTo("http://127.0.0.1:" + preptrack.port()
                    + "/#token=" + Files.readString(open.resolve("token")).trim());
        }
    }

    @Test
    void a_second_start_finds_every_earlier_event_and_schema() throws Exception {
        List<Envelope> written = SampleEvents.oneOfEachType("cand-restart");
        int schemaId;
        String token;
        try (var preptrack = Preptrack.start(TestInstances.embeddedIn(home))) {
            var registry = SchemaRegistryClient.forUrl(preptrack.registryUrl());
            schemaId = registry.lookup(Subjects.EVENTS_VALUE, Envelope.getClassSchema()).id();
            token = preptrack.token().value();
            try (var producer = producer(preptrack, registry)) {
                for (Envelope event : written) {
                    producer.send(new ProducerRecord<>(Subjects.EVENTS_TOPIC, event.getCandidateId(), event)).get();
                }
            }
        }

        try (var preptrack = Preptrack.start(TestInstances.embeddedIn(home))) {
            var registry = SchemaRegistryClient.forUrl(preptrack.registryUrl());
            List<ConsumerRecord<String, Envelope>> read = TestKafka.readAll(preptrack.kafka(),
                    Subjects.EVENTS_TOPIC, new SpecificAvroDeserializer<>(registry, Envelope.class));

            assertThat(read).extracting(ConsumerRecord::value).containsExactlyElementsOf(written);
            assertThat(registry.lookup(Subjects.EVENTS_VALUE, Envelope.getClassSchema()).id()).isEqualTo(schemaId);
            assertThat(preptrack.token().value()).isEqualTo(token);
            assertThat(preptrack.token().createdNow()).isFalse();
        }
    }

    @Test
    void a_second_instance_on_the_same_home_is_refused_with_a_clear_message() {
        try (var preptrack = Preptrack.start(TestInstances.embeddedIn(home))) {
            assertThatThrownBy(() -> Preptrack.start(TestInstances.embeddedIn(home)))
                    .hasMessageContaining("another preptrack is already running")
                    .hasMessageContaining(home.toString());
            assertThat(preptrack.health().isUp()).isTrue();
        }
    }

    private static KafkaProducer<String, Envelope> producer(Preptrack preptrack, SchemaRegistryClient registry) {
        Properties props = preptrack.kafka().properties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), new SpecificAvroSerializer<>(registry, false));
    }

    private static HttpResponse<String> get(Preptrack preptrack, String path, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + preptrack.port() + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
