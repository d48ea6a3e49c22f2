package dev.preptrack.backbone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preptrack.events.Envelope;
import dev.preptrack.schemas.SampleEvents;
import dev.preptrack.schemas.Subjects;
import dev.preptrack.schemas.registry.SchemaRegistryClient;
import dev.preptrack.schemas.serde.SpecificAvroDeserializer;
import dev.preptrack.schemas.serde.SpecificAvroSerde;
import dev.preptrack.schemas.serde.SpecificAvroSerializer;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every event type through the Confluent wire-format serde, against the real registry. */
@Tag("integration")
@Timeout(120)
class EventSerdeRoundTripTest {

    @TempDir
    static Path dataDir;
    static RunningBackbone backbone;
    static SchemaRegistryClient registry;

    @BeforeAll
    static void startBackbone() {
        backbone = RunningBackbone.start(dataDir);
        registry = backbone.registryClient();
    }

    @AfterAll
    static void stopBackbone() {
        backbone.close();
    }

    static Iterable<Envelope> everyEventType() {
        return SampleEvents.oneOfEachType("cand-roundtrip");
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("everyEventType")
    void an_event_survives_the_round_trip_in_the_confluent_wire_format(Envelope event) {
        try (var serde = new SpecificAvroSerde<>(registry, Envelope.class)) {
            byte[] bytes = serde.serializer().serialize(Subjects.EVENTS_TOPIC, event);

            int registeredId = registry.lookup(Subjects.EVENTS_VALUE, Envelope.getClassSchema()).id();
            assertThat(bytes[0]).isEqualTo((byte) 0);
            assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(registeredId);
            assertThat(serde.deserializer().deserialize(Subjects.EVENTS_TOPIC, bytes)).isEqualTo(event);
        }
    }

    @Test
    void serializers_configured_by_kafka_properties_agree_with_those_built_by_hand() {
        Envelope event = everyEventType().iterator().next();
        Map<String, Object> config = Map.of("schema.registry.url", backbone.registryUrl());
        try (var serializer = new SpecificAvroSerializer<Envelope>();
             var deserializer = new SpecificAvroDeserializer<Envelope>()) {
            serializer.configure(config, false);
            deserializer.configure(config, false);

            byte[] bytes = serializer.serialize(Subjects.EVENTS_TOPIC, event);

            assertThat(deserializer.deserialize(Subjects.EVENTS_TOPIC, bytes)).isEqualTo(event);
            assertThat(new SpecificAvroSerde<>(registry, Envelope.class).serializer()
                    .serialize(Subjects.EVENTS_TOPIC, event)).isEqualTo(bytes);
        }
    }

    @Test
    void without_auto_registration_an_unregistered_subject_is_refused() {
        Envelope event = everyEventType().iterator().next();
        try (var serializer = new SpecificAvroSerializer<Envelope>(registry, false)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> serializer.serialize("never-registered", event))
                    .isInstanceOf(org.apache.kafka.common.errors.SerializationException.class)
                    .hasMessageContaining("never-registered-value");
        }
    }
}
