package dev.preptrack.projections;

import dev.preptrack.events.Envelope;
import java.util.function.BiFunction;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Runs one pure fold over the events topic: reads the candidate's value from the named store,
 * applies the event, writes the value back when the fold changed it (a fold returns the same
 * instance for an event it has already applied), and forwards what the projection publishes
 * for the new value to its output topic, keyed by candidate id.
 *
 * @param <V> the store's value type
 * @param <O> what is published downstream
 */
public final class FoldProcessor<V, O> implements Processor<String, Envelope, String, O> {

    private final String storeName;
    private final BiFunction<V, Envelope, V> fold;
    private final BiFunction<V, Envelope, O> publish;
    private KeyValueStore<String, V> store;
    private ProcessorContext<String, O> context;

    /** @param publish what to publish for the value after an event changed it */
    public FoldProcessor(String storeName, BiFunction<V, Envelope, V> fold, BiFunction<V, Envelope, O> publish) {
        this.storeName = storeName;
        this.fold = fold;
        this.publish = publish;
    }

    /** A fold that publishes its value as it is. */
    public static <V> FoldProcessor<V, V> publishingState(String storeName, BiFunction<V, Envelope, V> fold) {
        return new FoldProcessor<>(storeName, fold, (value, event) -> value);
    }

    @Override
    public void init(ProcessorContext<String, O> context) {
        this.context = context;
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, Envelope> record) {
        String candidateId = record.value().getCandidateId();
        V before = store.get(candidateId);
        V after = fold.apply(before, record.value());
        if (after != before) {
            store.put(candidateId, after);
            context.forward(record.withKey(candidateId).withValue(publish.apply(after, record.value())));
        }
    }
}
