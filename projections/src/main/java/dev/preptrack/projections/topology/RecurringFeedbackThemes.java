package dev.preptrack.projections.topology;

import dev.preptrack.outputs.ThemesSnapshot;
import dev.preptrack.projections.CandidateFeedback;
import dev.preptrack.projections.feedback.FeedbackLogFold;
import dev.preptrack.projections.themes.ThemeClassifier;
import dev.preptrack.rules.Rules;
import dev.preptrack.schemas.Subjects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * Each candidate's feedback and the themes that recur in it: {@link FeedbackLogFold} over the
 * events (every item classified once, as it is folded in), kept in the queryable store
 * {@value #STORE}, with a {@link ThemesSnapshot} published on every change to the compacted
 * {@code preptrack.themes.r<rules version>}.
 */
public final class RecurringFeedbackThemes {

    public static final String STORE = "candidate-feedback";
    public static final String FOLD = "fold-feedback";
    public static final String PUBLISH = "publish-themes";

    private RecurringFeedbackThemes() {
    }

    /** This projection alone over the events topic (for TopologyTestDriver). */
    public static Topology build(EventsSource events, Serde<CandidateFeedback> feedback,
            Serde<ThemesSnapshot> snapshots, Rules rules) {
        return addTo(events.newTopology(), EventsSource.NAME, events.keys(), feedback, snapshots, rules,
                OutputGate.opened());
    }

    /** Adds the fold, its store and its output to a topology, fed by the events source {@code source}. */
    public static Topology addTo(Topology topology, String source, Serde<String> keys, Serde<CandidateFeedback> feedback,
            Serde<ThemesSnapshot> snapshots, Rules rules, OutputGate gate) {
        var fold = FeedbackLogFold.forRules(rules.themes());
        topology.addProcessor(FOLD, () -> new FoldProcessor<CandidateFeedback, ThemesSnapshot>(STORE,
                FoldProcessor.inPlace(FeedbackLogFold::empty, fold::applyInPlace),
                (candidateId, folded) -> Outputs.themes(candidateId, folded, rules), gate), source);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), keys, feedback)
                .withCachingEnabled(), FOLD);
        topology.addSink(PUBLISH, Subjects.themesTopic(rules.version()), keys.serializer(), snapshots.serializer(), FOLD);
        return topology;
    }
}
