package dev.preptrack.projections.query;

import dev.preptrack.domain.event.Event;
import dev.preptrack.projections.CandidateFeedback;
import dev.preptrack.projections.CandidateStories;
import dev.preptrack.projections.readiness.CandidateEvidence;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The port through which the read use cases see the projections' read models. Each method that
 * takes {@code after} (a candidate's event sequence, as a write returned it; 0 for "whatever is
 * there now") answers once the model has folded at least that far, or throws
 * {@link PositionNotReachedException}, so stale data is never presented as current.
 * Implemented over the Kafka Streams stores in production and by a map in tests.
 */
public interface ReadModels {

    Optional<CandidateStories> stories(String candidateId, long after);

    Optional<CandidateFeedback> feedback(String candidateId, long after);

    /** The candidate's readiness evidence as folded so far ({@link CandidateEvidence#NONE} when none). */
    CandidateEvidence readiness(String candidateId, long after);

    /**
     * The candidate's readiness evidence from the events that happened at or before {@code at},
     * from the folds' time-anchored summaries (daily checkpoints), exactly as
     * {@code ReadinessFold.asOf} would fold them; empty when the summaries cannot say it exactly
     * (the caller then folds {@link #readinessEventsUpTo}).
     */
    default Optional<CandidateEvidence> readinessAt(String candidateId, Instant at) {
        return Optional.empty();
    }

    /** The candidate's readiness-relevant events that happened at or before {@code until}, in the order they happened. */
    List<Event> readinessEventsUpTo(String candidateId, Instant until);
}
