package dev.preptrack.projections.topology;

import dev.preptrack.events.Envelope;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.Topology;

/**
 * The events topic as the projections read it: its name and its key and value serdes. A
 * topology may register a source topic only once, so every projection of a set hangs off the
 * one source {@value #NAME} that {@link #newTopology()} adds; a projection built on its own for a
 * test starts from the same call.
 */
public record EventsSource(String topic, Serde<String> keys, Serde<Envelope> events) {

    /** The processor name of the one source over the events topic. */
    public static final String NAME = "events";

    /** A topology holding only the source {@value #NAME} over {@link #topic()}. */
    public Topology newTopology() {
        var topology = new Topology();
        topology.addSource(NAME, keys.deserializer(), events.deserializer(), topic);
        return topology;
    }
}
