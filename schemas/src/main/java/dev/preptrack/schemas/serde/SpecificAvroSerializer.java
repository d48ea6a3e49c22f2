package dev.preptrack.schemas.serde;

import dev.preptrack.schemas.Subjects;
import dev.preptrack.schemas.registry.SchemaRegistryClient;
import dev.preptrack.schemas.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes generated Avro records in the Confluent wire format, with the schema's id taken from
 * the registry under the topic's subject (TopicNameStrategy). With auto-registration (the
 * default) the schema is registered on first use, so the registry's compatibility rules
 * decide whether a new schema may be written at all; without it the schema must already be
 * registered.
 *
 * <p>Configurable by Kafka client properties ({@code schema.registry.url},
 * {@code auto.register.schemas}) or constructed with a client.
 */
public class SpecificAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private SchemaRegistryClient registry;
    private boolean autoRegister = true;
    private boolean isKey;
    private final Map<String, Integer> idsBySubject = new ConcurrentHashMap<>();
    private final Map<Schema, SpecificDatumWriter<T>> writers = new ConcurrentHashMap<>();

    /** For Kafka clients that instantiate serializers by class name; call {@link #configure}. */
    public SpecificAvroSerializer() {
    }

    public SpecificAvroSerializer(SchemaRegistryClient registry, boolean autoRegister) {
        this.registry = registry;
        this.autoRegister = autoRegister;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        if (registry == null) {
            registry = SerdeConfig.registry(configs);
            autoRegister = SerdeConfig.autoRegister(configs);
        }
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        Schema schema = record.getSchema();
        String subject = isKey ? Subjects.keySubject(topic) : Subjects.valueSubject(topic);
        int id = idsBySubject.computeIfAbsent(subject + '\u0000' + schema.getFullName(),
                ignored -> schemaId(subject, schema));
        var out = new ByteArrayOutputStream(256);
        try {
            out.write(ConfluentWireFormat.header(id));
            // Buffered: the direct encoder writes each varint byte by byte into the (synchronised)
            // stream, which was a sixth of a rebuild's fold thread (JFR) for its large store values.
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            writers.computeIfAbsent(schema, SpecificAvroSerializer::writerFor).write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot encode " + schema.getFullName() + " for topic " + topic
                    + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private int schemaId(String subject, Schema schema) {
        try {
            return autoRegister ? registry.register(subject, schema) : registry.lookup(subject, schema).id();
        } catch (SchemaRegistryException e) {
            throw new SerializationException("cannot get a schema id for subject " + subject + ": "
                    + e.getMessage(), e);
        }
    }

    private static <T> SpecificDatumWriter<T> writerFor(Schema schema) {
        return new SpecificDatumWriter<>(schema, SpecificData.getForSchema(schema));
    }
}
