package dev.preptrack.projections.readiness;

import dev.preptrack.events.Envelope;
import dev.preptrack.outputs.ReadinessSnapshot;
import dev.preptrack.projections.FoldProcessor;
import dev.preptrack.projections.Outputs;
import dev.preptrack.projections.ReadinessEvidence;
import dev.preptrack.rules.Rules;

/**
 * The readiness projection: {@link ReadinessFold} over the events, the candidate's evidence
 * kept as Avro in the store {@value #STORE}, and a snapshot of their readiness published on
 * every change.
 */
public final class ReadinessProjection {

    public static final String STORE = "readiness-evidence";
    public static final String NAME = "fold-readiness";

    private ReadinessProjection() {
    }

    public static FoldProcessor<ReadinessEvidence, ReadinessSnapshot> processor(Rules rules) {
        return new FoldProcessor<>(STORE, (stored, event) -> fold(stored, event, rules),
                (evidence, event) -> Outputs.readiness(evidence, event, rules));
    }

    private static ReadinessEvidence fold(ReadinessEvidence stored, Envelope event, Rules rules) {
        CandidateEvidence before = EvidenceCodec.fromRecord(stored);
        CandidateEvidence after = ReadinessFold.apply(before, event, rules);
        return after == before ? stored : EvidenceCodec.toRecord(after);
    }
}
