package dev.preptrack.ui;

import static dev.preptrack.ui.WriteApiTest.aStory;
import static dev.preptrack.ui.WriteApiTest.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.preptrack.backbone.TestKafka;
import dev.preptrack.backbone.kafka.BackboneTopics;
import dev.preptrack.events.Envelope;
import dev.preptrack.schemas.Subjects;
import dev.preptrack.schemas.kafka.KafkaAccess;
import dev.preptrack.schemas.registry.SchemaRegistryClient;
import dev.preptrack.schemas.serde.NotInWireFormatException;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Poison on the real events topic: garbage bytes, a record naming a schema id the registry does
 * not have, and a valid record of a payload type this build does not know (written with a newer
 * writer schema the registry accepted), each produced straight to {@code preptrack.events} ahead
 * of a good write on the same candidate's partition. The good write is read back at its position
 * (the projections went past the poison), each poison record is on the dead-letter topic with its
 * error and origin in the headers, and {@code /metrics} and {@code /health} count them.
 */
@Tag("integration")
@Tag("fault")
@Timeout(300)
class PoisonRecordsTest {

    private static final String CANDIDATE = "cand-poison";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final RunningPreptrack RUNNING = new RunningPreptrack();

    @Test
    void poison_is_dead_lettered_counted_and_shown_while_good_events_are_still_folded() throws Exception {
        Preptrack preptrack = RUNNING.preptrack();
        Api api = RUNNING.api();
        Map<String, byte[]> poison = new LinkedHashMap<>();
        poison.put("not-wire-format", "not an event at all".getBytes(StandardCharsets.UTF_8));
        poison.put("unknown-schema", withSchemaId(Integer.MAX_VALUE - 7, new byte[] {2, 'x'}));
        poison.put("undecodable", aNewerWritersEvent(preptrack.registryUrl(), preptrack.token().value()));
        List<RecordMetadata> written = produce(preptrack.kafka(), poison.values());

        var created = api.post(path(CANDIDATE, "/stories"), aStory("after-the-poison"));
        assertThat(created.status()).isEqualTo(201);
        var read = api.get(path(CANDIDATE, "/stories/after-the-poison?after=" + created.json().path("position").asText()));
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.json().path("title").asText()).isEqualTo("On-call pages");

        List<ConsumerRecord<String, byte[]>> deadLetters = await().atMost(Duration.ofSeconds(60))
                .until(() -> TestKafka.readAll(preptrack.kafka(), BackboneTopics.DEAD_LETTERS_TOPIC,
                        new ByteArrayDeserializer()), letters -> letters.size() >= poison.size());
        assertThat(deadLetters).hasSize(poison.size());
        List<byte[]> bytes = new ArrayList<>(poison.values());
        for (int i = 0; i < deadLetters.size(); i++) {
            var letter = deadLetters.get(i);
            assertThat(letter.key()).isEqualTo(CANDIDATE);
            assertThat(letter.value()).isEqualTo(bytes.get(i));
            assertThat(header(letter, "__streams.errors.topic")).isEqualTo(Subjects.EVENTS_TOPIC);
            assertThat(header(letter, "__streams.errors.partition")).isEqualTo(String.valueOf(written.get(i).partition()));
            assertThat(header(letter, "__streams.errors.offset")).isEqualTo(String.valueOf(written.get(i).offset()));
            assertThat(header(letter, "__streams.errors.stacktrace")).isNotBlank();
        }
        // The first two fail in the deserializer; the newer writer's payload is read, under its own
        // name, and refused by the events' decoding step (Avro alone would have read it as a StoryRetired).
        assertThat(deadLetters).extracting(letter -> header(letter, "__streams.errors.exception")).containsExactly(
                NotInWireFormatException.class.getName(), SerializationException.class.getName(),
                IllegalArgumentException.class.getName());
        assertThat(header(deadLetters.get(0), "__streams.errors.message")).contains("magic byte");
        assertThat(header(deadLetters.get(1), "__streams.errors.message")).contains("schema id " + (Integer.MAX_VALUE - 7));
        assertThat(header(deadLetters.get(2), "__streams.errors.message")).contains("StoryArchived");

        // No token: /metrics, like /health, is for whoever runs the process.
        String metrics = getWithoutToken(api.base() + "/metrics");
        Map<String, Double> counted = deadLettersByReason(metrics);
        for (String reason : poison.keySet()) {
            assertThat(counted).as(metrics).containsEntry(reason, 1.0);
        }
        assertThat(counted.values().stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(3.0);

        JsonNode health = JSON.readTree(getWithoutToken(api.base() + "/health"));
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("deadLetters").path("count").asLong()).isEqualTo(3);
        assertThat(health.path("deadLetters").path("last").path("reason").asText()).isEqualTo("undecodable");
        assertThat(health.path("deadLetters").path("last").path("offset").asLong()).isEqualTo(written.get(2).offset());

        // The candidate's export is their history without the poison under their key, not a 500.
        var export = api.get(path(CANDIDATE, "/events"));
        assertThat(export.status()).as(export.toString()).isEqualTo(200);
        assertThat(export.body().lines()).singleElement().satisfies(line -> assertThat(line).contains("after-the-poison"));
    }

    /** The Confluent framing around {@code avro}: magic byte 0, then the 4-byte schema id. */
    private static byte[] withSchemaId(int id, byte[] avro) {
        return ByteBuffer.allocate(5 + avro.length).put((byte) 0).putInt(id).put(avro).array();
    }

    /**
     * An event of a payload type a newer build added to the envelope's union ({@code StoryArchived}),
     * its schema registered as the next version of the events' subject (adding a branch is a
     * compatible change, so the registry accepts it), then written in the wire format.
     */
    private static byte[] aNewerWritersEvent(String registryUrl, String token) throws Exception {
        ObjectNode envelope = (ObjectNode) JSON.readTree(Envelope.getClassSchema().toString());
        for (JsonNode field : envelope.path("fields")) {
            if (field.path("name").asText().equals("payload")) {
                ((ArrayNode) field.path("type")).add(JSON.readTree("{\"type\": \"record\", \"name\": \"StoryArchived\", "
                        + "\"namespace\": \"dev.preptrack.events\", \"fields\": [{\"name\": \"storyId\", \"type\": \"string\"}]}"));
            }
        }
        Schema newer = new Schema.Parser().parse(JSON.writeValueAsString(envelope));
        int id = SchemaRegistryClient.builder(registryUrl).basicAuth("test:" + token).build()
                .register(Subjects.EVENTS_TOPIC + "-value", newer);

        Schema actorSchema = newer.getField("actor").schema();
        GenericRecord actor = new GenericData.Record(actorSchema);
        actor.put("id", "a-newer-writer");
        actor.put("role", new GenericData.EnumSymbol(actorSchema.getField("role").schema(), "CANDIDATE"));
        Schema archivedSchema = newer.getField("payload").schema().getTypes().stream()
                .filter(type -> type.getName().equals("StoryArchived")).findFirst().orElseThrow();
        GenericRecord archived = new GenericData.Record(archivedSchema);
        archived.put("storyId", "after-the-poison");
        long now = Instant.now().toEpochMilli();
        GenericRecord event = new GenericData.Record(newer);
        event.put("eventId", "poison-1");
        event.put("candidateId", CANDIDATE);
        event.put("sequence", 1L);
        event.put("occurredAt", now);
        event.put("recordedAt", now);
        event.put("actor", actor);
        event.put("commandId", "poison-1");
        event.put("payload", archived);
        var out = new ByteArrayOutputStream();
        var encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(newer).write(event, encoder);
        encoder.flush();
        return withSchemaId(id, out.toByteArray());
    }

    private static List<RecordMetadata> produce(KafkaAccess kafka, Iterable<byte[]> values) throws Exception {
        Properties props = kafka.properties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        List<RecordMetadata> written = new ArrayList<>();
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (byte[] value : values) {
                written.add(producer.send(new ProducerRecord<>(Subjects.EVENTS_TOPIC, CANDIDATE, value)).get());
            }
        }
        return written;
    }

    /** {@code preptrack_dead_letters_total} of the events topic by its {@code reason} label. */
    private static Map<String, Double> deadLettersByReason(String prometheusText) {
        Map<String, Double> byReason = new LinkedHashMap<>();
        Pattern line = Pattern.compile("^preptrack_dead_letters_total\\{([^}]*)\\}\\s+(\\S+)$", Pattern.MULTILINE);
        Matcher matcher = line.matcher(prometheusText);
        while (matcher.find()) {
            String labels = matcher.group(1);
            if (labels.contains("topic=\"" + Subjects.EVENTS_TOPIC + "\"")) {
                Matcher reason = Pattern.compile("reason=\"([^\"]*)\"").matcher(labels);
                if (reason.find()) {
                    byReason.put(reason.group(1), Double.parseDouble(matcher.group(2)));
                }
            }
        }
        return byReason;
    }

    private static String getWithoutToken(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
