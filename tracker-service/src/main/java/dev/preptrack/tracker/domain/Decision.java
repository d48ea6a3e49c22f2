package dev.preptrack.tracker.domain;

import dev.preptrack.domain.event.Event;
import java.util.List;
import java.util.Optional;

/**
 * What the candidate's single writer decided about one command: the result to answer with and
 * what to keep. Only {@link Accepted} appends events.
 */
public sealed interface Decision {

    CommandResult result();

    /**
     * The command became {@code events}, in order.
     *
     * @param next the write model to keep
     * @param known the attempt and feedback ids the events introduce, to remember
     * @param answer the answer to remember for retries of this command id
     */
    record Accepted(List<Event> events, CommandResult.Accepted result, WriteModel next, List<KnownEntity> known,
            AnsweredCommand answer) implements Decision {
        public Accepted {
            events = List.copyOf(events);
            known = List.copyOf(known);
        }
    }

    /**
     * The command was refused.
     *
     * @param answer the refusal to remember for retries, or empty when the command id already
     *     belongs to another request (whose answer stays)
     */
    record Rejected(CommandResult.Rejected result, Optional<AnsweredCommand> answer) implements Decision {
    }

    /** A command seen before: its first result, and nothing else happens. */
    record Replayed(CommandResult result) implements Decision {
    }
}
