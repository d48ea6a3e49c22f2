package dev.preptrack.schemas;

import dev.preptrack.events.Envelope;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * The registry subjects preptrack publishes, each with the schema the code in this build
 * writes. Subjects follow Confluent's TopicNameStrategy ({@code <topic>-value}), so any tool
 * that knows the topic name finds the schema.
 */
public final class Subjects {

    /** The system of record: every event, keyed by candidate id. */
    public static final String EVENTS_TOPIC = "preptrack.events";

    public static final String EVENTS_VALUE = valueSubject(EVENTS_TOPIC);

    private Subjects() {
    }

    /** Confluent's TopicNameStrategy for record values. */
    public static String valueSubject(String topic) {
        return topic + "-value";
    }

    /** Confluent's TopicNameStrategy for record keys. */
    public static String keySubject(String topic) {
        return topic + "-key";
    }

    /** Every subject whose schema this build owns, with its current schema. */
    public static Map<String, Schema> current() {
        return Map.of(EVENTS_VALUE, Envelope.getClassSchema());
    }
}
