package dev.preptrack.schemas.serde;

import dev.preptrack.schemas.registry.SchemaRegistryClient;
import dev.preptrack.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent wire-format bytes into generated Avro records. The writer's schema is
 * fetched from the registry by the id in the header and resolved against the reader's
 * generated class, so records written with any earlier compatible schema (by preptrack or by
 * any other Confluent-format producer) decode into today's classes. A union branch of a newer
 * writer that the generated class does not know is read as a generic record of its own name
 * ({@link UnknownBranches}), never as another branch it happens to fit.
 */
public class SpecificAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private SchemaRegistryClient registry;
    private Schema readerSchema;
    private final Map<Integer, DatumReader<T>> readersById = new ConcurrentHashMap<>();

    /** For Kafka clients that instantiate deserializers by class name; call {@link #configure}. */
    public SpecificAvroDeserializer() {
    }

    /**
     * @param readerClass the generated class to decode into; its schema is the reader schema
     */
    public SpecificAvroDeserializer(SchemaRegistryClient registry, Class<T> readerClass) {
        this.registry = registry;
        this.readerSchema = SpecificData.get().getSchema(readerClass);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (registry == null) {
            registry = SerdeConfig.registry(configs);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        int id = ConfluentWireFormat.schemaId(data);
        DatumReader<T> reader = readersById.computeIfAbsent(id, this::readerFor);
        try {
            return reader.read(null, DecoderFactory.get().binaryDecoder(data, ConfluentWireFormat.HEADER_SIZE,
                    data.length - ConfluentWireFormat.HEADER_SIZE, null));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot decode a record of topic " + topic + " written with schema id "
                    + id + ": " + e.getMessage(), e);
        }
    }

    private DatumReader<T> readerFor(int id) {
        Schema writer;
        try {
            writer = registry.schemaById(id);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("cannot fetch schema id " + id + ": " + e.getMessage(), e);
        }
        Schema generated = readerSchema != null ? readerSchema : generatedSchemaFor(writer);
        // A newer writer's union branch stays itself (a generic record the caller can refuse) instead
        // of being read as whichever known branch it happens to fit.
        Schema reader = UnknownBranches.keptIn(generated, writer);
        return new SpecificDatumReader<>(writer, reader, SpecificData.getForSchema(generated));
    }

    private static Schema generatedSchemaFor(Schema writer) {
        Class<?> generated = SpecificData.get().getClass(writer);
        if (generated == null || !SpecificRecord.class.isAssignableFrom(generated)) {
            throw new SerializationException("no generated class for " + writer.getFullName()
                    + " on the classpath; construct the deserializer with the class to read into");
        }
        return SpecificData.get().getSchema(generated);
    }
}
