package dev.preptrack.projections.readiness;

import dev.preptrack.events.Envelope;
import dev.preptrack.projections.ReadinessEvidence;
import dev.preptrack.rules.Rules;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The readiness projection's processor: folds each event into the candidate's evidence in the
 * store {@value #STORE} ({@link ReadinessFold}). Added to the read side's topology by
 * {@link dev.preptrack.projections.Projections}.
 */
public final class ReadinessProjection implements Processor<String, Envelope, Void, Void> {

    public static final String STORE = "readiness-evidence";
    public static final String NAME = "fold-readiness";

    private final Rules rules;
    private KeyValueStore<String, ReadinessEvidence> store;

    public ReadinessProjection(Rules rules) {
        this.rules = rules;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, Envelope> record) {
        String candidateId = record.value().getCandidateId();
        CandidateEvidence before = EvidenceCodec.fromRecord(store.get(candidateId));
        CandidateEvidence after = ReadinessFold.apply(before, record.value(), rules);
        if (after != before) {
            store.put(candidateId, EvidenceCodec.toRecord(after));
        }
    }
}
