package dev.preptrack.tracker.domain;

import dev.preptrack.commands.CandidateWriteModel;
import dev.preptrack.commands.CommandResult;
import dev.preptrack.events.Envelope;
import java.util.List;

/**
 * What the candidate's single writer decided about one command. Every decision carries the
 * result to answer with and the write model to keep; only {@link Accepted} appends events.
 */
public sealed interface Decision {

    CommandResult result();

    /** The write model after the decision (unchanged for a replayed retry). */
    CandidateWriteModel next();

    /** The command became {@code events}, in order. */
    record Accepted(List<Envelope> events, CommandResult result, CandidateWriteModel next) implements Decision {
    }

    /** The command was refused; the refusal is remembered so a retry gets it again. */
    record Rejected(CommandResult result, CandidateWriteModel next) implements Decision {
    }

    /** A command seen before: its first result, and nothing else happens. */
    record Replayed(CommandResult result, CandidateWriteModel next) implements Decision {
    }
}
