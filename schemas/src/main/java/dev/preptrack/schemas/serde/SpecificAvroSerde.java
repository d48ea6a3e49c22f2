package dev.preptrack.schemas.serde;

import dev.preptrack.schemas.registry.SchemaRegistryClient;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** A Kafka Streams {@link Serde} for generated Avro records in the Confluent wire format. */
public final class SpecificAvroSerde<T extends SpecificRecord> extends Serdes.WrapperSerde<T> {

    public SpecificAvroSerde(SchemaRegistryClient registry, Class<T> type) {
        super(new SpecificAvroSerializer<>(registry, true), new SpecificAvroDeserializer<>(registry, type));
    }

    public SpecificAvroSerde(SchemaRegistryClient registry, Class<T> type, boolean autoRegister) {
        super(new SpecificAvroSerializer<>(registry, autoRegister), new SpecificAvroDeserializer<>(registry, type));
    }

    /** For Kafka clients that instantiate serdes by class name; configure before use. */
    public SpecificAvroSerde() {
        super(new SpecificAvroSerializer<>(), new SpecificAvroDeserializer<>());
    }
}
