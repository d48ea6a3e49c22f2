package dev.preptrack.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class ConfluentWireFormatTest {

    @Test
    void reads_the_big_endian_schema_id_after_the_magic_byte() {
        assertThat(ConfluentWireFormat.schemaId(new byte[] {0, 0, 0, 1, 2, 42})).isEqualTo(258);
        assertThat(ConfluentWireFormat.schemaId(ConfluentWireFormat.header(70_000))).isEqualTo(70_000);
    }

    @Test
    void rejects_bytes_with_another_magic_byte() {
        assertThatThrownBy(() -> ConfluentWireFormat.schemaId(new byte[] {1, 0, 0, 0, 1}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("magic byte is 1");
    }

    @Test
    void rejects_bytes_shorter_than_the_header() {
        assertThatThrownBy(() -> ConfluentWireFormat.schemaId(new byte[] {0, 0, 1}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("shorter than the 5-byte header");
    }
}
