package dev.preptrack.projections.stories;

import dev.preptrack.events.Envelope;
import dev.preptrack.projections.CandidateStories;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The story bank projection: folds the events topic into one {@link CandidateStories} per
 * candidate ({@link StoryBankFold}), kept in the queryable store {@value #STORE}.
 */
public final class StoryBank {

    public static final String STORE = "candidate-stories";
    static final String SOURCE = "events";
    static final String FOLD = "fold-stories";

    private StoryBank() {
    }

    /** A topology of this projection alone, over {@code eventsTopic}. */
    public static Topology build(String eventsTopic, Serde<String> keys, Serde<Envelope> events,
            Serde<CandidateStories> stories) {
        var topology = new Topology();
        topology.addSource(SOURCE, keys.deserializer(), events.deserializer(), eventsTopic);
        return addTo(topology, SOURCE, keys, stories);
    }

    /** Adds the fold and its store to a topology, fed by the events source {@code source}. */
    public static Topology addTo(Topology topology, String source, Serde<String> keys, Serde<CandidateStories> stories) {
        topology.addProcessor(FOLD, Fold::new, source);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), keys, stories), FOLD);
        return topology;
    }

    private static final class Fold implements Processor<String, Envelope, Void, Void> {
        private KeyValueStore<String, CandidateStories> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, Envelope> record) {
            String candidateId = record.value().getCandidateId();
            CandidateStories before = store.get(candidateId);
            CandidateStories after = StoryBankFold.apply(before, record.value());
            if (after != before) {
                store.put(candidateId, after);
            }
        }
    }
}
