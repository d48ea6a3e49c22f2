package dev.preptrack.projections.topology;

import dev.preptrack.projections.CandidateStories;
import dev.preptrack.projections.stories.StoryBankFold;
import dev.preptrack.rules.Rules;
import dev.preptrack.schemas.Subjects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * Each candidate's story history: {@link StoryBankFold} over the events into one
 * {@link CandidateStories} per candidate (current sections, every version with what it changed,
 * the attempts on it and the scores they got), kept in the queryable store {@value #STORE} and
 * published on every change to the compacted {@code preptrack.stories.r<rules version>}.
 */
public final class StoryHistory {

    public static final String STORE = "candidate-stories";
    public static final String FOLD = "fold-stories";
    public static final String PUBLISH = "publish-stories";

    private StoryHistory() {
    }

    /** This projection alone over the events topic (for TopologyTestDriver). */
    public static Topology build(EventsSource events, Serde<CandidateStories> stories, Rules rules) {
        return addTo(events.newTopology(), EventsSource.NAME, events.keys(), stories, rules, OutputGate.opened());
    }

    /** Adds the fold, its store and its output to a topology, fed by the events source {@code source}. */
    public static Topology addTo(Topology topology, String source, Serde<String> keys, Serde<CandidateStories> stories,
            Rules rules, OutputGate gate) {
        topology.addProcessor(FOLD, () -> FoldProcessor.publishingState(STORE,
                FoldProcessor.inPlace(StoryBankFold::empty, StoryBankFold::applyInPlace), gate), source);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), keys, stories)
                .withCachingEnabled(), FOLD);
        topology.addSink(PUBLISH, Subjects.storiesTopic(rules.version()), keys.serializer(), stories.serializer(), FOLD);
        return topology;
    }
}
