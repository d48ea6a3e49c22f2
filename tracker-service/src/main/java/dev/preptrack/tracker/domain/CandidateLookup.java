package dev.preptrack.tracker.domain;

import java.util.Optional;

/**
 * What the single writer can look up about one candidate while deciding a command: the small
 * write model read on every command, and the entries that grow with history (known attempt
 * and feedback ids, answered commands), looked up one at a time.
 */
public interface CandidateLookup {

    /** The candidate's sequence and stories; {@link WriteModel#EMPTY} for a new candidate. */
    WriteModel model();

    /** The attempt or feedback item with this id, if the writer accepted one. */
    Optional<KnownEntity> entity(KnownEntity.Kind kind, String id);

    default boolean knows(KnownEntity.Kind kind, String id) {
        return entity(kind, id).isPresent();
    }

    Optional<AnsweredCommand> answered(String commandId);
}
