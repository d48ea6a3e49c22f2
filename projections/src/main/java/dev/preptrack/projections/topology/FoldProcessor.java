package dev.preptrack.projections.topology;

import dev.preptrack.domain.event.Event;
import java.util.function.BiFunction;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Runs one pure fold over the events (already decoded into the domain's {@link Event} by
 * {@link EventsSource}): reads the candidate's value from the named store, applies the event, writes the
 * value back when the fold changed it (a fold returns the same instance for an event it has
 * already applied), and forwards what the projection publishes for the new value to its output
 * topic, keyed by candidate id.
 *
 * @param <V> the store's value type
 * @param <O> what is published downstream
 */
public final class FoldProcessor<V, O> implements Processor<String, Event, String, O> {

    private final String storeName;
    private final BiFunction<V, Event, V> fold;
    private final BiFunction<V, Event, O> publish;
    private KeyValueStore<String, V> store;
    private ProcessorContext<String, O> context;

    /** @param publish what to publish for the value after an event changed it */
    public FoldProcessor(String storeName, BiFunction<V, Event, V> fold, BiFunction<V, Event, O> publish) {
        this.storeName = storeName;
        this.fold = fold;
        this.publish = publish;
    }

    /** A fold that publishes its value as it is. */
    public static <V> FoldProcessor<V, V> publishingState(String storeName, BiFunction<V, Event, V> fold) {
        return new FoldProcessor<>(storeName, fold, (value, event) -> value);
    }

    @Override
    public void init(ProcessorContext<String, O> context) {
        this.context = context;
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, Event> record) {
        Event event = record.value();
        String candidateId = event.candidateId();
        V before = store.get(candidateId);
        V after = fold.apply(before, event);
        if (after != before) {
            store.put(candidateId, after);
            context.forward(record.withKey(candidateId).withValue(publish.apply(after, event)));
        }
    }
}
