package dev.preptrack.tracker.app;

import dev.preptrack.tracker.domain.Command;
import dev.preptrack.tracker.domain.CommandResult;
import java.util.concurrent.CompletableFuture;

/**
 * The port through which a command reaches the candidate's single writer. Completes with the
 * writer's result once it is committed (so an accepted result means the events are durably in
 * the log), or exceptionally with {@link WriteUnavailableException} when the command could not
 * be sent.
 */
public interface CommandBus {

    CompletableFuture<CommandResult> submit(Command command);

    /** The caller stopped waiting for this command's result. */
    void cancel(String candidateId, String commandId);
}
