package dev.preptrack.projections.topology;

import dev.preptrack.domain.event.Event;
import dev.preptrack.events.Envelope;
import dev.preptrack.projections.readiness.ReadinessFold;
import dev.preptrack.schemas.codec.EventCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Each candidate's readiness-relevant events in the order they happened, so that readiness "as
 * of" an earlier time is the same {@link ReadinessFold} over a range of one store rather than a
 * re-read of the candidate's partition. The store {@value #STORE} is keyed
 * {@code candidate \u0000 occurredAt (epoch millis, 19 digits) \u0000 sequence (19 digits)}: the
 * key's bytes sort by candidate, then time, then sequence, so a range up to an instant yields
 * what had happened by then. A redelivered event lands on its own key again and changes nothing.
 * The events are kept as logged, in their Avro storage form (no rules applied), so the store does
 * not depend on the rules; they are decoded into domain events as they are read back.
 */
public final class ReadinessTimeline {

    public static final String STORE = "readiness-timeline";
    public static final String INDEX = "index-readiness-events";
    private static final char SEPARATOR = '\u0000';
    private static final String LAST = "9".repeat(19);

    private ReadinessTimeline() {
    }

    /** This store alone over the events topic (for TopologyTestDriver). */
    public static Topology build(EventsSource events) {
        return addTo(events.newTopology(), EventsSource.NAME, events.keys(), events.events());
    }

    /** Adds the index and its store to a topology, fed by the events source {@code source}. */
    public static Topology addTo(Topology topology, String source, Serde<String> keys, Serde<Envelope> events) {
        topology.addProcessor(INDEX, Indexer::new, source);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), keys, events), INDEX);
        return topology;
    }

    /** The store key of one event. */
    public static String key(String candidateId, Instant occurredAt, long sequence) {
        return candidateId + SEPARATOR + digits(occurredAt.toEpochMilli()) + SEPARATOR + digits(sequence);
    }

    /** The candidate's indexed events that happened at or before {@code until}, in the order they happened. */
    public static List<Event> upTo(ReadOnlyKeyValueStore<String, Envelope> store, String candidateId, Instant until) {
        List<Event> events = new ArrayList<>();
        long millis = until.toEpochMilli(); // floors: an event of whole millis is at or before until iff at or before this
        if (millis < 0) {
            return events;
        }
        try (var range = store.range(candidateId + SEPARATOR, candidateId + SEPARATOR + digits(millis) + SEPARATOR + LAST)) {
            range.forEachRemaining(entry -> events.add(EventCodec.decode(entry.value)));
        }
        return events;
    }

    private static String digits(long value) {
        String digits = Long.toString(value);
        return "0".repeat(Math.max(0, 19 - digits.length())) + digits;
    }

    private static final class Indexer implements Processor<String, Event, Void, Void> {
        private KeyValueStore<String, Envelope> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, Event> record) {
            Event event = record.value();
            if (ReadinessFold.concerns(event)) {
                store.put(key(event.candidateId(), event.occurredAt(), event.sequence()), EventCodec.encode(event));
            }
        }
    }
}
