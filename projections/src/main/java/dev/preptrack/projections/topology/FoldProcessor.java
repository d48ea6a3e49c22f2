package dev.preptrack.projections.topology;

import dev.preptrack.domain.event.Event;
import java.time.Duration;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Runs one pure fold over the events (already decoded into the domain's {@link Event} by
 * {@link EventsSource}): reads the candidate's value from the named store, applies the event, writes the
 * value back when the fold changed it (a fold answers null for an event it has already applied),
 * and forwards what the projection publishes for the new value to its output
 * topic, keyed by candidate id. What is published is a function of the value alone, so it is the
 * same whether it follows an event or a rebuild's catching up.
 *
 * <p>While the set's {@link OutputGate} is closed (a rebuild) nothing is forwarded; once it opens,
 * the next punctuation publishes every value the task's store holds, once, and every change after it
 * is forwarded as it happens. The punctuation only decides when; what it publishes comes from the
 * store, never from the clock.
 *
 * @param <V> the store's value type
 * @param <O> what is published downstream
 */
public final class FoldProcessor<V, O> implements Processor<String, Event, String, O> {

    /** How soon after the gate opens a closed fold publishes what it holds. */
    private static final Duration GATE_CHECK = Duration.ofSeconds(1);

    private final String storeName;
    private final BiFunction<V, Event, V> fold;
    private final BiFunction<String, V, O> publish;
    private final OutputGate gate;
    private KeyValueStore<String, V> store;
    private ProcessorContext<String, O> context;
    private Cancellable waiting;

    /**
     * @param fold the value after the event (null before the candidate's first), or null when the event
     *     changes nothing; it may change the value it is given in place: every read of the store decodes
     *     a copy of its own, which only this call holds (a year of feedback copied per event was most of
     *     a fold's cost)
     * @param publish what to publish for a candidate's value after an event changed it
     */
    public FoldProcessor(String storeName, BiFunction<V, Event, V> fold, BiFunction<String, V, O> publish,
            OutputGate gate) {
        this.storeName = storeName;
        this.fold = fold;
        this.publish = publish;
        this.gate = gate;
    }

    /** A fold that publishes its value as it is. */
    public static <V> FoldProcessor<V, V> publishingState(String storeName, BiFunction<V, Event, V> fold,
            OutputGate gate) {
        return new FoldProcessor<>(storeName, fold, (candidateId, value) -> value, gate);
    }

    /**
     * A fold that changes the stored value (a copy of its own) in place: {@code applyInPlace} folds
     * the event into it and answers whether it changed anything; a candidate's first event starts
     * from {@code empty}.
     */
    public static <V> BiFunction<V, Event, V> inPlace(Supplier<V> empty, BiPredicate<V, Event> applyInPlace) {
        return (stored, event) -> {
            V value = stored == null ? empty.get() : stored;
            return applyInPlace.test(value, event) ? value : null;
        };
    }

    @Override
    public void init(ProcessorContext<String, O> context) {
        this.context = context;
        store = context.getStateStore(storeName);
        if (!gate.isOpen()) {
            waiting = context.schedule(GATE_CHECK, PunctuationType.WALL_CLOCK_TIME, now -> publishAllOnceOpen());
        }
    }

    @Override
    public void process(Record<String, Event> record) {
        Event event = record.value();
        String candidateId = event.candidateId();
        V before = store.get(candidateId);
        V after = fold.apply(before, event);
        if (after != null) {
            store.put(candidateId, after);
            if (waiting == null) {
                context.forward(record.withKey(candidateId).withValue(publish.apply(candidateId, after)));
            }
        }
    }

    private void publishAllOnceOpen() {
        if (!gate.isOpen()) {
            return;
        }
        waiting.cancel();
        waiting = null;
        try (var all = store.all()) {
            while (all.hasNext()) {
                var entry = all.next();
                context.forward(new Record<>(entry.key, publish.apply(entry.key, entry.value), context.currentSystemTimeMs()));
            }
        }
    }

    @Override
    public void close() {
        if (waiting != null) {
            waiting.cancel();
        }
    }
}
