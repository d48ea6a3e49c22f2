package dev.preptrack.projections.topology;

import dev.preptrack.events.Envelope;
import dev.preptrack.outputs.ReadinessSnapshot;
import dev.preptrack.outputs.ThemesSnapshot;
import dev.preptrack.projections.CandidateFeedback;
import dev.preptrack.projections.CandidateStories;
import dev.preptrack.projections.ReadinessEvidence;
import dev.preptrack.rules.RulesLoader;
import dev.preptrack.schemas.SampleEvents;
import dev.preptrack.schemas.TestDriverProperties;
import dev.preptrack.schemas.registry.SchemaRegistryException;
import dev.preptrack.schemas.serde.ConfluentWireFormat;
import dev.preptrack.schemas.serde.PlainAvroSerde;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Poison records on the events topic under TopologyTestDriver: each goes to the dead-letter
 * topic with Kafka's error headers and its own bytes, the listener hears of it, no fold sees it,
 * and the good events after it are folded. (The wire format's own poison — garbage, an unknown
 * schema id, a newer writer's payload — needs the registry: {@code PoisonRecordsTest} in ui-api.)
 */
class DeadLettersTest {

    /** The drivers' state directory, this test's own ({@link TestDriverProperties#isolated}). */
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path stateDir;

    private static final String EVENTS = "events";
    private static final String DEAD_LETTERS = "dead-letters";

    private final List<DeadLetters.DeadLetter> heard = new CopyOnWriteArrayList<>();
    private TopologyTestDriver driver;

    @BeforeEach
    void startTopology() {
        var props = TestDriverProperties.isolated("dead-letters-test", stateDir);
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, DEAD_LETTERS);
        DeadLetters.handleIn(props, heard::add);
        var wiring = new ProjectionSet.Wiring(new EventsSource(EVENTS, Serdes.String(), PlainAvroSerde.of(Envelope.class)),
                PlainAvroSerde.of(CandidateStories.class), PlainAvroSerde.of(ReadinessEvidence.class),
                PlainAvroSerde.of(CandidateFeedback.class), PlainAvroSerde.of(ReadinessSnapshot.class),
                PlainAvroSerde.of(ThemesSnapshot.class));
        driver = new TopologyTestDriver(ProjectionSet.build(wiring, RulesLoader.defaults()), props);
    }

    @AfterEach
    void closeTopology() {
        driver.close();
    }

    @Test
    void poison_is_dead_lettered_with_its_error_and_the_events_after_it_are_folded() {
        var events = driver.createInputTopic(EVENTS, Serdes.String().serializer(),
                PlainAvroSerde.of(Envelope.class).serializer());
        var raw = driver.createInputTopic(EVENTS, Serdes.String().serializer(), Serdes.ByteArray().serializer());
        List<Envelope> week = SampleEvents.oneOfEachType("alice");
        // A string length of -1 where the envelope's first field should be: no Avro reader takes it.
        byte[] garbage = {0x01, 0x02, 0x03};

        events.pipeInput("alice", week.get(0));
        raw.pipeInput("alice", garbage);
        raw.pipeInput("alice", (byte[]) null);
        events.pipeInput("alice", week.get(1));

        var deadLetters = driver.createOutputTopic(DEAD_LETTERS, Serdes.ByteArray().deserializer(),
                Serdes.ByteArray().deserializer()).readRecordsToList();
        assertThat(deadLetters).hasSize(2);
        TestRecord<byte[], byte[]> unreadable = deadLetters.get(0);
        assertThat(unreadable.value()).isEqualTo(garbage);
        assertThat(unreadable.key()).isEqualTo("alice".getBytes(StandardCharsets.UTF_8));
        assertThat(header(unreadable.headers(), "__streams.errors.topic")).isEqualTo(EVENTS);
        assertThat(header(unreadable.headers(), "__streams.errors.partition")).isEqualTo("0");
        assertThat(header(unreadable.headers(), "__streams.errors.offset")).isEqualTo("1");
        assertThat(header(unreadable.headers(), "__streams.errors.exception")).isNotBlank();
        assertThat(header(unreadable.headers(), "__streams.errors.stacktrace")).isNotBlank();

        TestRecord<byte[], byte[]> tombstone = deadLetters.get(1);
        assertThat(tombstone.value()).isNull();
        assertThat(header(tombstone.headers(), "__streams.errors.offset")).isEqualTo("2");
        assertThat(header(tombstone.headers(), "__streams.errors.exception"))
                .isEqualTo(PoisonRecordException.class.getName());
        assertThat(header(tombstone.headers(), "__streams.errors.message")).contains("tombstone");

        assertThat(heard).extracting(DeadLetters.DeadLetter::reason)
                .containsExactly(DeadLetters.Reason.UNREADABLE, DeadLetters.Reason.UNDECODABLE);
        assertThat(heard).extracting(DeadLetters.DeadLetter::offset).containsExactly(1L, 2L);

        // Both good events were folded, the one after the poison too; the poison was not.
        CandidateStories stories = driver.<String, CandidateStories>getKeyValueStore(StoryHistory.STORE).get("alice");
        assertThat(stories.getSequence()).isEqualTo(week.get(1).getSequence());
    }

    @Test
    void an_exception_of_a_fold_is_no_poison_and_is_not_dead_lettered() {
        var handler = new DeadLetters.OnProcessing();
        var props = new java.util.HashMap<String, Object>();
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, DEAD_LETTERS);
        props.put(DeadLetters.LISTENER_CONFIG, (DeadLetters.Listener) heard::add);
        handler.configure(props);
        var context = new org.apache.kafka.streams.errors.internals.DefaultErrorHandlerContext(null, EVENTS, 0, 7L,
                new org.apache.kafka.common.header.internals.RecordHeaders(), "candidate-stories-fold", null, 0L,
                new byte[0], new byte[0]);

        var response = handler.handleError(context, new org.apache.kafka.streams.processor.api.Record<>("k", "v", 0L),
                new IllegalStateException("a bug in a fold"));

        assertThat(response.result()).isEqualTo(org.apache.kafka.streams.errors.ProcessingExceptionHandler.Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
        assertThat(heard).isEmpty();
    }

    @Test
    void the_reason_is_told_by_what_the_deserializer_threw() {
        Throwable garbage = catchThrowable(() -> ConfluentWireFormat.schemaId(new byte[] {7, 0, 0, 0, 1, 2}));
        var unknownId = new SerializationException("cannot fetch schema id 99",
                new SchemaRegistryException("schema 99 not found", 404, SchemaRegistryException.SCHEMA_NOT_FOUND, null));
        var unreachable = new SerializationException("cannot fetch schema id 3",
                new SchemaRegistryException("connection refused", -1, -1, null));
        var newerPayload = new SerializationException("cannot decode",
                new org.apache.avro.AvroTypeException("Found dev.preptrack.events.StoryArchived, expecting union"));

        assertThat(DeadLetters.reasonOf(garbage)).isEqualTo(DeadLetters.Reason.NOT_WIRE_FORMAT);
        assertThat(DeadLetters.reasonOf(unknownId)).isEqualTo(DeadLetters.Reason.UNKNOWN_SCHEMA);
        assertThat(DeadLetters.reasonOf(newerPayload)).isEqualTo(DeadLetters.Reason.UNREADABLE);
        assertThat(SchemaRegistryException.unavailableIn(unknownId)).isFalse();
        assertThat(SchemaRegistryException.unavailableIn(unreachable)).isTrue();
        assertThat(DeadLetters.Reason.UNKNOWN_SCHEMA.label()).isEqualTo("unknown-schema");
    }

    private static String header(Headers headers, String name) {
        var header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
