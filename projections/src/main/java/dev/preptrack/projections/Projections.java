package dev.preptrack.projections;

import dev.preptrack.events.Envelope;
import dev.preptrack.outputs.ReadinessSnapshot;
import dev.preptrack.outputs.ThemesSnapshot;
import dev.preptrack.schemas.Subjects;
import dev.preptrack.projections.feedback.FeedbackLogFold;
import dev.preptrack.projections.readiness.ReadinessProjection;
import dev.preptrack.projections.stories.StoryBank;
import dev.preptrack.projections.themes.ThemeClassifier;
import dev.preptrack.rules.Rules;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The read side's topology: one source over the events topic feeding each projection's fold
 * and store, each publishing to its compacted output topic. A table of contents; each fold
 * lives in its own package.
 */
public final class Projections {

    static final String SOURCE = "events";
    /** Raise when a projection is added or a fold or store changes shape; see ReadSide#applicationId. */
    public static final int TOPOLOGY_VERSION = 4;

    private Projections() {
    }

    /** The serdes of the events, of each projection's store values and of what they publish. */
    public record Wiring(String eventsTopic, Serde<String> keys, Serde<Envelope> events, Serde<CandidateStories> stories,
            Serde<ReadinessEvidence> readiness, Serde<CandidateFeedback> feedback, Serde<ReadinessSnapshot> readinessOut,
            Serde<ThemesSnapshot> themesOut) {
    }

    public static final String FEEDBACK_STORE = "candidate-feedback";
    static final String FEEDBACK_FOLD = "fold-feedback";

    public static Topology build(Wiring wiring, Rules rules) {
        var topology = new Topology();
        topology.addSource(SOURCE, wiring.keys().deserializer(), wiring.events().deserializer(), wiring.eventsTopic());
        StoryBank.addTo(topology, SOURCE, wiring.keys(), wiring.stories());
        topology.addSink("publish-stories", Subjects.storiesTopic(rules.version()), wiring.keys().serializer(),
                wiring.stories().serializer(), StoryBank.FOLD);

        topology.addProcessor(ReadinessProjection.NAME, () -> ReadinessProjection.processor(rules), SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ReadinessProjection.STORE),
                wiring.keys(), wiring.readiness()), ReadinessProjection.NAME);
        topology.addSink("publish-readiness", Subjects.readinessTopic(rules.version()), wiring.keys().serializer(),
                wiring.readinessOut().serializer(), ReadinessProjection.NAME);

        var feedbackFold = new FeedbackLogFold(ThemeClassifier.forRules(rules.themes()));
        topology.addProcessor(FEEDBACK_FOLD, () -> new FoldProcessor<CandidateFeedback, ThemesSnapshot>(FEEDBACK_STORE,
                feedbackFold::apply, (feedback, event) -> Outputs.themes(feedback, event, rules)), SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(FEEDBACK_STORE),
                wiring.keys(), wiring.feedback()), FEEDBACK_FOLD);
        topology.addSink("publish-themes", Subjects.themesTopic(rules.version()), wiring.keys().serializer(),
                wiring.themesOut().serializer(), FEEDBACK_FOLD);
        return topology;
    }

    /** The compacted topics the projections publish to under {@code rules}, to be created before they start. */
    public static java.util.List<String> outputTopics(Rules rules) {
        return java.util.List.of(Subjects.readinessTopic(rules.version()), Subjects.themesTopic(rules.version()),
                Subjects.storiesTopic(rules.version()));
    }
}
