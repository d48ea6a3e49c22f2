package dev.preptrack.projections.stories;

import dev.preptrack.events.Envelope;
import dev.preptrack.projections.CandidateStories;
import dev.preptrack.projections.FoldProcessor;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The story bank projection: folds the events topic into one {@link CandidateStories} per
 * candidate ({@link StoryBankFold}), kept in the queryable store {@value #STORE}.
 */
public final class StoryBank {

    public static final String STORE = "candidate-stories";
    static final String SOURCE = "events";
    public static final String FOLD = "fold-stories";

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
        topology.addProcessor(FOLD, () -> FoldProcessor.publishingState(STORE, StoryBankFold::apply), source);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), keys, stories), FOLD);
        return topology;
    }
}
