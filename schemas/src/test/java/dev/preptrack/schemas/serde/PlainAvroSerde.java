package dev.preptrack.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Avro binary without the registry's framing, for TopologyTestDriver tests: a topology's logic
 * does not depend on how values are framed, and these tests need no registry. Integration
 * tests use the real wire-format serde against the real registry.
 */
public final class PlainAvroSerde {

    private PlainAvroSerde() {
    }

    public static <T extends SpecificRecord> Serde<T> of(Class<T> type) {
        var schema = SpecificData.get().getSchema(type);
        var writer = new SpecificDatumWriter<T>(schema, SpecificData.getForSchema(schema));
        var reader = new SpecificDatumReader<T>(schema, schema, SpecificData.getForSchema(schema));
        return Serdes.serdeFrom((topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                var out = new ByteArrayOutputStream();
                var encoder = EncoderFactory.get().binaryEncoder(out, null);
                writer.write(value, encoder);
                encoder.flush();
                return out.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return reader.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
