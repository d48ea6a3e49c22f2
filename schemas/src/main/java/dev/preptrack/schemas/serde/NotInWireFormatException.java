package dev.preptrack.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Bytes that are not in the Confluent wire format at all (too short, or a wrong magic byte):
 * no registry lookup can make them readable. Its own type so that a dead-letter handler can tell
 * garbage from a record whose schema it does not know.
 */
public class NotInWireFormatException extends SerializationException {

    private static final long serialVersionUID = 1L;

    public NotInWireFormatException(String message) {
        super(message);
    }
}
