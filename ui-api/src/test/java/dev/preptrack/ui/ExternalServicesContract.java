package dev.preptrack.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preptrack.schemas.Subjects;
import dev.preptrack.schemas.registry.CompatibilityLevel;
import dev.preptrack.ui.backbones.ExternalBackbone;
import dev.preptrack.ui.config.PreptrackConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * With PREPTRACK_BOOTSTRAP_SERVERS and PREPTRACK_SCHEMA_REGISTRY_URL set, preptrack embeds
 * nothing and uses the given cluster and registry (a broker and registry started separately,
 * standing in for an existing deployment; each kind of backbone is a subclass).
 */
@Tag("integration")
@Timeout(180)
abstract class ExternalServicesContract {

    @TempDir
    Path externalData;
    @TempDir
    Path home;
    ExternalBackbone external;

    abstract ExternalBackbone startBackbone(Path dataDir);

    @BeforeEach
    void startExternalServices() {
        external = startBackbone(externalData);
    }

    @AfterEach
    void stopExternalServices() {
        external.close();
    }

    @Test
    void it_uses_the_external_cluster_and_registry_and_embeds_nothing() throws Exception {
        try (var preptrack = Preptrack.start(externalConfig())) {
            JsonNode health = new ObjectMapper().readTree(get(preptrack, "/health").body());

            assertThat(health.path("status").asText()).isEqualTo("UP");
            assertThat(health.path("kafka").path("bootstrapServers").asText()).isEqualTo(external.kafka().bootstrapServers());
            assertThat(health.path("schemaRegistry").path("url").asText()).isEqualTo(external.registryUrl());
            assertThat(external.registryClient().subjects()).contains(Subjects.EVENTS_VALUE);
            assertThat(Files.exists(home.resolve("kafka-logs"))).isFalse();
            assertThat(get(preptrack, "/registry/subjects").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void it_refuses_to_start_when_the_registry_finds_its_event_schema_incompatible() {
        var registry = external.registryClient();
        registry.setCompatibility(Subjects.EVENTS_VALUE, CompatibilityLevel.NONE);
        registry.register(Subjects.EVENTS_VALUE, new Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"SomethingElse\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}"));
        registry.setCompatibility(Subjects.EVENTS_VALUE, CompatibilityLevel.BACKWARD_TRANSITIVE);

        assertThatThrownBy(() -> Preptrack.start(externalConfig()))
                .hasMessageContaining("refused the schema of " + Subjects.EVENTS_VALUE)
                .hasMessageContaining("409");
    }

    @Test
    void a_write_while_kafka_is_down_is_answered_503_with_retry_after_and_never_acknowledged() throws Exception {
        try (var preptrack = Preptrack.start(externalConfig())) {
            var api = new Api(preptrack.port(), preptrack.token().value());
            assertThat(api.post("/api/v1/candidates/c1/stories", WriteApiTest.aStory("before")).status()).isEqualTo(201);

            external.stopBroker();
            var during = api.post("/api/v1/candidates/c1/stories", WriteApiTest.aStory("during"));

            assertThat(during.status()).as("%s", during).isEqualTo(503);
            assertThat(during.response().headers().firstValue("Retry-After")).isPresent();
            assertThat(during.contentType()).startsWith("application/problem+json");
        } finally {
            external.startBroker();
        }
        var events = EventLog.events(external.kafka(), external.registryUrl());
        assertThat(events).extracting(event -> ((dev.preptrack.events.StoryCreated) event.getPayload()).getStoryId())
                .containsExactly("before");
    }

    private PreptrackConfig externalConfig() {
        return external.preptrackIn(home);
    }

    private static HttpResponse<String> get(Preptrack preptrack, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + preptrack.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
