package dev.preptrack.projections.topology;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.preptrack.domain.event.Event;
import dev.preptrack.events.Envelope;
import dev.preptrack.projections.CandidateFeedback;
import dev.preptrack.projections.CandidateStories;
import dev.preptrack.projections.ReadinessEvidence;
import dev.preptrack.projections.query.OwnerUnknownException;
import dev.preptrack.projections.query.ReadModels;
import dev.preptrack.projections.readiness.CandidateEvidence;
import dev.preptrack.projections.readiness.EvidenceCodec;
import dev.preptrack.rules.Rules;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** The read models over a running projection set's local stores (interactive queries), honouring positions. */
final class StoreReadModels implements ReadModels {

    private final KafkaStreams streams;
    private final Duration deadline;
    private final Rules rules;
    private final Cache<Folded, CandidateEvidence> converted = Caffeine.newBuilder().maximumSize(128).build();

    private record Folded(String candidateId, long sequence) {
    }

    StoreReadModels(KafkaStreams streams, Duration deadline, Rules rules) {
        this.streams = streams;
        this.deadline = deadline;
        this.rules = rules;
    }

    @Override
    public Optional<CandidateStories> stories(String candidateId, long after) {
        return Optional.ofNullable(PositionWait.until(after, deadline,
                () -> this.<CandidateStories>current(StoryHistory.STORE, candidateId), CandidateStories::getSequence));
    }

    @Override
    public Optional<CandidateFeedback> feedback(String candidateId, long after) {
        return Optional.ofNullable(PositionWait.until(after, deadline,
                () -> this.<CandidateFeedback>current(RecurringFeedbackThemes.STORE, candidateId),
                CandidateFeedback::getSequence));
    }

    @Override
    public CandidateEvidence readiness(String candidateId, long after) {
        ReadinessEvidence stored = PositionWait.until(after, deadline,
                () -> this.<ReadinessEvidence>current(ReadinessBySection.STORE, candidateId),
                ReadinessEvidence::getSequence);
        if (stored == null) {
            return CandidateEvidence.NONE;
        }
        // A candidate's evidence at a sequence is one value (the fold is deterministic), so its
        // domain form is converted once: the conversion was over half of a cached readiness read.
        return converted.get(new Folded(candidateId, stored.getSequence()), key -> EvidenceCodec.fromRecord(stored));
    }

    @Override
    public List<Event> readinessEventsUpTo(String candidateId, Instant until) {
        try {
            return ReadinessTimeline.upTo(this.<Envelope>store(ReadinessTimeline.STORE), candidateId, until);
        } catch (InvalidStateStoreException movedSinceTheEvidenceWasRead) {
            throw new OwnerUnknownException(candidateId);
        }
    }

    @Override
    public Optional<CandidateEvidence> readinessAt(String candidateId, Instant at) {
        try {
            return ReadinessTimeline.evidenceAt(this.<ReadinessEvidence>store(ReadinessTimeline.CHECKPOINTS),
                    this.<Envelope>store(ReadinessTimeline.STORE), candidateId, at, rules);
        } catch (InvalidStateStoreException movedSinceTheEvidenceWasRead) {
            throw new OwnerUnknownException(candidateId);
        }
    }

    private <V> V current(String storeName, String candidateId) {
        try {
            // The read models never change what they read, so they share its decoding (SharedReads).
            return SharedReads.reading(candidateId, () -> this.<V>store(storeName).get(candidateId));
        } catch (InvalidStateStoreException rebalancingOrStarting) {
            // The store is briefly unavailable while partitions move; the caller's deadline bounds the wait.
            return null;
        }
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String storeName) {
        return streams.store(StoreQueryParameters.fromNameAndType(storeName, QueryableStoreTypes.keyValueStore()));
    }
}
