package dev.preptrack.projections.query;

import dev.preptrack.events.Envelope;
import java.util.List;

/** The port to a candidate's history as it was logged (for exports): every event, in the order it was appended. */
public interface EventLog {

    List<Envelope> of(String candidateId);
}
