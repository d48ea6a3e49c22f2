package dev.preptrack.projections.topology;

import dev.preptrack.domain.event.Event;
import dev.preptrack.outputs.ReadinessSnapshot;
import dev.preptrack.projections.ReadinessEvidence;
import dev.preptrack.projections.readiness.CandidateEvidence;
import dev.preptrack.projections.readiness.EvidenceCodec;
import dev.preptrack.projections.readiness.ReadinessFold;
import dev.preptrack.rules.Rules;
import dev.preptrack.schemas.Subjects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * Readiness per rubric section: {@link ReadinessFold} over the events, each candidate's evidence
 * kept as Avro in the queryable store {@value #STORE}, and a {@link ReadinessSnapshot} of their
 * readiness published on every change to the compacted {@code preptrack.readiness.r<rules version>}.
 */
public final class ReadinessBySection {

    public static final String STORE = "readiness-evidence";
    public static final String FOLD = "fold-readiness";
    public static final String PUBLISH = "publish-readiness";

    private ReadinessBySection() {
    }

    /** This projection alone over the events topic (for TopologyTestDriver). */
    public static Topology build(EventsSource events, Serde<ReadinessEvidence> evidence,
            Serde<ReadinessSnapshot> snapshots, Rules rules) {
        return addTo(events.newTopology(), EventsSource.NAME, events.keys(), evidence, snapshots, rules,
                OutputGate.opened());
    }

    /** Adds the fold, its store and its output to a topology, fed by the events source {@code source}. */
    public static Topology addTo(Topology topology, String source, Serde<String> keys, Serde<ReadinessEvidence> evidence,
            Serde<ReadinessSnapshot> snapshots, Rules rules, OutputGate gate) {
        topology.addProcessor(FOLD, () -> processor(rules, gate), source);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), keys, evidence)
                .withCachingEnabled(), FOLD);
        topology.addSink(PUBLISH, Subjects.readinessTopic(rules.version()), keys.serializer(), snapshots.serializer(),
                FOLD);
        return topology;
    }

    static FoldProcessor<ReadinessEvidence, ReadinessSnapshot> processor(Rules rules, OutputGate gate) {
        return new FoldProcessor<>(STORE, (stored, event) -> fold(stored, event, rules),
                (candidateId, evidence) -> Outputs.readiness(candidateId, evidence, rules), gate);
    }

    private static ReadinessEvidence fold(ReadinessEvidence stored, Event event, Rules rules) {
        CandidateEvidence before = EvidenceCodec.fromRecord(stored);
        CandidateEvidence after = ReadinessFold.apply(before, event, rules);
        return after == before ? null : EvidenceCodec.toRecord(after);
    }
}
