package dev.preptrack.projections.topology;

import dev.preptrack.domain.event.Event;
import dev.preptrack.events.Envelope;
import dev.preptrack.schemas.codec.EventCodec;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The events topic as the projections read it: its name and its key and value serdes. A
 * topology may register a source topic only once, so every projection of a set hangs off the
 * one node {@value #NAME} that {@link #newTopology()} adds — the source, then a step that maps
 * each Avro envelope to the domain's {@link Event} once, for every fold below it (each fold
 * decoding it again cost one decode per projection per record). A projection built on its own
 * for a test starts from the same call. An envelope the step cannot decode is a poison record
 * ({@link PoisonRecordException}, dead-lettered by {@link DeadLetters}): it never reaches a fold.
 */
public record EventsSource(String topic, Serde<String> keys, Serde<Envelope> events) {

    /** The processor that forwards the events, decoded, to every projection. */
    public static final String NAME = "events";
    /** The source over the events topic itself. */
    static final String TOPIC = "events-topic";

    /** A topology holding only the source over {@link #topic()} and the decoding step {@value #NAME}. */
    public Topology newTopology() {
        var topology = new Topology();
        topology.addSource(TOPIC, keys.deserializer(), events.deserializer(), topic);
        topology.addProcessor(NAME, Decode::new, TOPIC);
        return topology;
    }

    /** Envelope in, domain event out; anything that is not an event is thrown out as poison. */
    private static final class Decode implements Processor<String, Envelope, String, Event> {
        private ProcessorContext<String, Event> context;

        @Override
        public void init(ProcessorContext<String, Event> context) {
            this.context = context;
        }

        @Override
        public void process(Record<String, Envelope> record) {
            if (record.value() == null) {
                throw new PoisonRecordException("a tombstone (null value) is not an event", null);
            }
            Event event;
            try {
                event = EventCodec.decode(record.value());
            } catch (RuntimeException e) {
                throw new PoisonRecordException("the envelope of event " + record.value().getEventId()
                        + " cannot be decoded: " + e.getMessage(), e);
            }
            context.forward(record.withValue(event));
        }
    }
}
