package dev.preptrack.tracker.domain;

import java.util.List;
import java.util.Objects;

/** What became of a command: accepted as events, or rejected with the reason. */
public sealed interface CommandResult {

    String commandId();

    String candidateId();

    /**
     * The command became events.
     *
     * @param position the candidate's sequence after the last event: a read passing it sees the write
     * @param entityId the story, attempt or feedback id the command was about
     * @param storyVersion the story's version after the command, for commands about a story or an attempt on one
     * @param replayed whether this is the first answer repeated for a retry
     */
    record Accepted(String commandId, String candidateId, List<String> eventIds, long position, String entityId,
            Integer storyVersion, boolean replayed) implements CommandResult {
        public Accepted {
            eventIds = List.copyOf(eventIds);
        }

        public Accepted asReplay() {
            return new Accepted(commandId, candidateId, eventIds, position, entityId, storyVersion, true);
        }
    }

    /** The command was refused; nothing was appended. */
    record Rejected(String commandId, String candidateId, Rejection rejection) implements CommandResult {
        public Rejected {
            Objects.requireNonNull(rejection, "rejection");
        }
    }
}
