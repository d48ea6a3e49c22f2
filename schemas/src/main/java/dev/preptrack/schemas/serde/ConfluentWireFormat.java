package dev.preptrack.schemas.serde;

import java.nio.ByteBuffer;

/**
 * The Confluent wire format: one magic byte 0, the schema's registry id as a 4-byte
 * big-endian int, then the Avro binary encoding of the value. Confluent's own deserializers
 * in every language read exactly this framing.
 */
public final class ConfluentWireFormat {

    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_SIZE = 5;

    private ConfluentWireFormat() {
    }

    /** The registry id in the header of {@code data}; rejects anything not in the format ({@link NotInWireFormatException}). */
    public static int schemaId(byte[] data) {
        if (data.length < HEADER_SIZE) {
            throw new NotInWireFormatException("not in the Confluent wire format: " + data.length
                    + " bytes is shorter than the 5-byte header");
        }
        if (data[0] != MAGIC_BYTE) {
            throw new NotInWireFormatException("not in the Confluent wire format: magic byte is " + data[0]
                    + ", expected " + MAGIC_BYTE);
        }
        return ByteBuffer.wrap(data, 1, 4).getInt();
    }

    static byte[] header(int schemaId) {
        return ByteBuffer.allocate(HEADER_SIZE).put(MAGIC_BYTE).putInt(schemaId).array();
    }
}
