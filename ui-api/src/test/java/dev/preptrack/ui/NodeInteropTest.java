package dev.preptrack.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preptrack.backbone.TestKafka;
import dev.preptrack.events.Envelope;
import dev.preptrack.schemas.SampleEvents;
import dev.preptrack.schemas.Subjects;
import dev.preptrack.schemas.registry.SchemaRegistryClient;
import dev.preptrack.schemas.serde.SpecificAvroDeserializer;
import dev.preptrack.schemas.serde.SpecificAvroSerializer;
import dev.preptrack.ui.config.PreptrackConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Third-party interop: Confluent's official Node client ({@code @confluentinc/schemaregistry}
 * with kafkajs) decodes what preptrack's serde wrote, through preptrack's embedded registry and
 * broker, and preptrack decodes what that client encoded. Both directions compare whole events.
 */
@Tag("integration")
@Timeout(300)
class NodeInteropTest {

    private static final Path CLIENT_DIR = Path.of("src/test/node-interop");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @Test
    void confluents_node_client_and_preptrack_read_each_others_records() throws Exception {
        String fromJava = "interop.from-java";
        String fromNode = "interop.from-node";
        List<Envelope> javaEvents = SampleEvents.oneOfEachType("cand-java");
        List<Envelope> nodeEvents = SampleEvents.oneOfEachType("cand-node");

        try (var preptrack = Preptrack.start(config(home))) {
            var registry = TestInstances.registry(preptrack);
            TestKafka.createTopic(preptrack.kafka(), fromJava, 1);
            TestKafka.createTopic(preptrack.kafka(), fromNode, 1);
            produce(preptrack, registry, fromJava, javaEvents);
            // The Node serializer encodes with the latest schema registered for its topic, as a producer
            // configured with use.latest.version does.
            int nodeSchemaId = registry.register(Subjects.valueSubject(fromNode), Envelope.getClassSchema());

            NodeRun run = runNodeClient(preptrack, fromJava, javaEvents.size(), fromNode,
                    nodeEvents.stream().map(NodeInteropTest::avroJson).collect(Collectors.joining(",", "[", "]")));

            assertThat(run.exitCode()).as("node client failed:%n%s", run.stderr()).isZero();
            List<Envelope> decodedByNode = new ArrayList<>();
            for (String line : run.stdout().lines().toList()) {
                JsonNode record = JSON.readTree(line);
                assertThat(record.path("key").asText()).isEqualTo("cand-java");
                decodedByNode.add(fromAvroJson(record.path("value").toString()));
            }
            assertThat(decodedByNode).containsExactlyElementsOf(javaEvents);

            List<ConsumerRecord<String, Envelope>> decodedByPreptrack = TestKafka.readAll(preptrack.kafka(),
                    fromNode, new SpecificAvroDeserializer<>(registry, Envelope.class));
            assertThat(decodedByPreptrack).extracting(ConsumerRecord::value).containsExactlyElementsOf(nodeEvents);
            assertThat(decodedByPreptrack).allSatisfy(
                    record -> assertThat(record.value().getCandidateId()).isEqualTo(record.key()));
            assertThat(rawValues(preptrack, fromNode)).allSatisfy(bytes -> {
                assertThat(bytes[0]).isZero();
                assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(nodeSchemaId);
            });
        }
    }

    /** The preptrack the clients meet: embedded here, on containers in {@link NodeInteropContainerTest}. */
    PreptrackConfig config(Path home) {
        return TestInstances.embeddedIn(home);
    }

    private static void produce(Preptrack preptrack, SchemaRegistryClient registry, String topic, List<Envelope> events)
            throws Exception {
        Properties props = preptrack.kafka().properties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(props, new StringSerializer(),
                new SpecificAvroSerializer<Envelope>(registry, true))) {
            for (Envelope event : events) {
                producer.send(new ProducerRecord<>(topic, event.getCandidateId(), event)).get();
            }
        }
    }

    private static List<byte[]> rawValues(Preptrack preptrack, String topic) {
        return TestKafka.readAll(preptrack.kafka(), topic, new ByteArrayDeserializer()).stream()
                .map(ConsumerRecord::value).toList();
    }

    private static NodeRun runNodeClient(Preptrack preptrack, String fromJava, int count, String fromNode,
            String eventsJson) throws IOException, InterruptedException {
        Path stderr = Files.createTempFile("node-interop", ".err");
        Process node = new ProcessBuilder("node", "interop.js",
                preptrack.kafkaClientSettings().orElseThrow().toString(), preptrack.registryUrl(),
                fromJava, String.valueOf(count), fromNode, eventsJson)
                .directory(CLIENT_DIR.toFile())
                .redirectError(stderr.toFile())
                .start();
        byte[] stdout = node.getInputStream().readAllBytes();
        boolean finished = node.waitFor(180, TimeUnit.SECONDS);
        if (!finished) {
            node.destroyForcibly();
        }
        return new NodeRun(finished ? node.exitValue() : -1, new String(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr));
    }

    /** Avro's JSON encoding of an event, the form the Node client reads and writes with wrapped unions. */
    private static String avroJson(Envelope event) {
        try {
            var out = new ByteArrayOutputStream();
            var encoder = EncoderFactory.get().jsonEncoder(Envelope.getClassSchema(), out);
            new SpecificDatumWriter<>(Envelope.class).write(event, encoder);
            encoder.flush();
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Envelope fromAvroJson(String json) throws IOException {
        return new SpecificDatumReader<>(Envelope.class)
                .read(null, DecoderFactory.get().jsonDecoder(Envelope.getClassSchema(), json));
    }

    private record NodeRun(int exitCode, String stdout, String stderr) {
    }
}
