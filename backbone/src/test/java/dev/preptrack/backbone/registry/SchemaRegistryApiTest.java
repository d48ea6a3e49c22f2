package dev.preptrack.backbone.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preptrack.backbone.RunningBackbone;
import dev.preptrack.schemas.registry.CompatibilityLevel;
import dev.preptrack.schemas.registry.SchemaRegistryClient;
import dev.preptrack.schemas.registry.SchemaRegistryException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The Confluent registry API as clients see it: real HTTP, real broker-backed storage. */
@Tag("integration")
@Timeout(180)
class SchemaRegistryApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final AtomicInteger SUBJECTS = new AtomicInteger();

    @TempDir
    static Path dataDir;
    static RunningBackbone backbone;
    static SchemaRegistryClient client;

    @BeforeAll
    static void startBackbone() {
        backbone = RunningBackbone.start(dataDir);
        client = backbone.registryClient();
    }

    @AfterAll
    static void stopBackbone() {
        backbone.close();
    }

    @Test
    void registering_the_same_schema_again_returns_the_same_id_and_version() {
        String subject = aSubject();
        int id = client.register(subject, story());

        var again = SchemaRegistryClient.forUrl(backbone.registryUrl());
        assertThat(again.register(subject, story())).isEqualTo(id);
        assertThat(again.versions(subject)).containsExactly(1);
        assertThat(again.lookup(subject, story())).satisfies(found -> {
            assertThat(found.id()).isEqualTo(id);
            assertThat(found.version()).isEqualTo(1);
        });
    }

    @Test
    void the_same_schema_under_two_subjects_shares_one_id() {
        int first = client.register(aSubject(), story());
        int second = client.register(aSubject(), story());

        assertThat(second).isEqualTo(first);
    }

    @Test
    void a_schema_is_fetched_by_its_id() throws Exception {
        int id = client.register(aSubject(), story());

        var answer = get("/schemas/ids/" + id);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith(SchemaRegistryClient.CONTENT_TYPE));
        assertThat(new Schema.Parser().parse(JSON.readTree(answer.body()).path("schema").asText())).isEqualTo(story());
    }

    @Test
    void an_incompatible_schema_is_refused_with_409_and_not_registered() throws Exception {
        String subject = aSubject();
        client.register(subject, story());
        Schema withRequiredField = record("{\"name\":\"storyId\",\"type\":\"string\"}",
                "{\"name\":\"title\",\"type\":\"string\"}");

        var answer = post("/subjects/" + subject + "/versions", withRequiredField);

        assertThat(answer.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(answer.body()).path("error_code").asInt()).isEqualTo(409);
        assertThat(JSON.readTree(answer.body()).path("message").asText()).contains("title");
        assertThat(client.versions(subject)).containsExactly(1);
        assertThat(client.isCompatible(subject, withRequiredField)).isFalse();
    }

    @Test
    void a_compatible_change_becomes_the_next_version() {
        String subject = aSubject();
        client.register(subject, story());
        Schema withOptionalField = record("{\"name\":\"storyId\",\"type\":\"string\"}",
                "{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null}");

        assertThat(client.isCompatible(subject, withOptionalField)).isTrue();
        int id = client.register(subject, withOptionalField);

        assertThat(client.versions(subject)).containsExactly(1, 2);
        assertThat(client.version(subject, "latest").id()).isEqualTo(id);
        assertThat(client.subjects()).contains(subject);
    }

    @Test
    void compatibility_is_backward_transitive_unless_a_subject_says_otherwise() {
        String subject = aSubject();
        client.register(subject, story());
        Schema withRequiredField = record("{\"name\":\"storyId\",\"type\":\"string\"}",
                "{\"name\":\"title\",\"type\":\"string\"}");

        assertThat(client.compatibility()).isEqualTo(CompatibilityLevel.BACKWARD_TRANSITIVE);
        assertThat(client.compatibility(subject)).isEmpty();
        client.setCompatibility(subject, CompatibilityLevel.NONE);

        assertThat(client.compatibility(subject)).contains(CompatibilityLevel.NONE);
        assertThat(client.register(subject, withRequiredField)).isPositive();
    }

    @Test
    void unknown_subjects_ids_and_routes_answer_404_with_confluent_error_codes() throws Exception {
        assertThat(errorCode(get("/subjects/no-such-subject/versions"))).isEqualTo(40401);
        assertThat(errorCode(get("/schemas/ids/99999"))).isEqualTo(40403);
        var association = get("/associations/resources/-/preptrack.events?resourceType=topic&associationType=value");
        assertThat(association.statusCode()).isEqualTo(404);
        assertThat(errorCode(association)).isEqualTo(40401);
        assertThatThrownBy(() -> client.version(aSubject(), "1"))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND));
    }

    @Test
    void a_schema_that_is_not_avro_is_refused_with_422() throws Exception {
        var answer = HTTP.send(HttpRequest.newBuilder(URI.create(backbone.registryUrl() + "/subjects/" + aSubject()
                        + "/versions"))
                .header("Content-Type", SchemaRegistryClient.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString("{\"schema\": \"{\\\"type\\\": \\\"nonsense\\\"}\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(errorCode(answer)).isEqualTo(42201);
    }

    @Test
    void ids_and_versions_survive_a_restart_of_broker_and_registry() {
        String subject = aSubject();
        int first = client.register(subject, story());
        int second = client.register(subject, record("{\"name\":\"storyId\",\"type\":\"string\"}",
                "{\"name\":\"tags\",\"type\":{\"type\":\"array\",\"items\":\"string\"},\"default\":[]}"));
        client.setCompatibility(subject, CompatibilityLevel.FULL);

        backbone = backbone.restart();
        var afterRestart = backbone.registryClient();

        assertThat(afterRestart.lookup(subject, story()).id()).isEqualTo(first);
        assertThat(afterRestart.version(subject, "2").id()).isEqualTo(second);
        assertThat(afterRestart.compatibility(subject)).contains(CompatibilityLevel.FULL);
        int third = afterRestart.register(aSubject(), record("{\"name\":\"other\",\"type\":\"long\"}"));
        assertThat(third).isGreaterThan(second);
        client = afterRestart;
    }

    private static String aSubject() {
        return "test-" + SUBJECTS.incrementAndGet() + "-value";
    }

    private static Schema story() {
        return record("{\"name\":\"storyId\",\"type\":\"string\"}");
    }

    private static Schema record(String... fields) {
        return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Story\",\"namespace\":\"test\",\"fields\":["
                + String.join(",", fields) + "]}");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(backbone.registryUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, Schema schema) throws Exception {
        String body = JSON.createObjectNode().put("schema", schema.toString()).toString();
        return HTTP.send(HttpRequest.newBuilder(URI.create(backbone.registryUrl() + path))
                .header("Content-Type", SchemaRegistryClient.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int errorCode(HttpResponse<String> answer) throws Exception {
        JsonNode body = JSON.readTree(answer.body());
        return body.path("error_code").asInt();
    }
}
