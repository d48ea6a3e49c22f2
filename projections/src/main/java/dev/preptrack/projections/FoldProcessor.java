package dev.preptrack.projections;

import dev.preptrack.events.Envelope;
import java.util.function.BiFunction;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Runs one pure fold over the events topic: reads the candidate's value from the named store,
 * applies the event, and writes the value back when the fold changed it (a fold returns the
 * same instance for an event it has already applied).
 *
 * @param <V> the store's value type
 */
public final class FoldProcessor<V> implements Processor<String, Envelope, Void, Void> {

    private final String storeName;
    private final BiFunction<V, Envelope, V> fold;
    private KeyValueStore<String, V> store;

    public FoldProcessor(String storeName, BiFunction<V, Envelope, V> fold) {
        this.storeName = storeName;
        this.fold = fold;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, Envelope> record) {
        String candidateId = record.value().getCandidateId();
        V before = store.get(candidateId);
        V after = fold.apply(before, record.value());
        if (after != before) {
            store.put(candidateId, after);
        }
    }
}
