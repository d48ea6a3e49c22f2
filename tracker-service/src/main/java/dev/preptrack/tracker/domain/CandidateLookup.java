package dev.preptrack.tracker.domain;

import dev.preptrack.commands.AnsweredCommand;
import dev.preptrack.commands.CandidateWriteModel;
import dev.preptrack.commands.EntityKind;
import java.util.Optional;

/**
 * What the single writer can look up about one candidate while deciding a command: the small
 * write model read on every command, and the entries that grow with history (known attempt
 * and feedback ids, answered commands), looked up one at a time.
 */
public interface CandidateLookup {

    /** The candidate's sequence and stories; an empty model for a new candidate. */
    CandidateWriteModel model();

    boolean knows(EntityKind kind, String id);

    Optional<AnsweredCommand> answered(String commandId);
}
