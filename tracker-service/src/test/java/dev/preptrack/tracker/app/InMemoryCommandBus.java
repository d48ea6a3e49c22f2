package dev.preptrack.tracker.app;

import dev.preptrack.domain.event.Event;
import dev.preptrack.rules.Rules;
import dev.preptrack.tracker.domain.Command;
import dev.preptrack.tracker.domain.CommandDecider;
import dev.preptrack.tracker.domain.CommandResult;
import dev.preptrack.tracker.domain.Decision;
import dev.preptrack.tracker.domain.InMemoryCandidate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The single writer in memory: the real {@link CommandDecider} over maps, deciding each command
 * at once, for tests whose subject is an adapter (routes, validation, problem documents) rather
 * than Kafka. It keeps every event it accepted, so a test can see that nothing was appended.
 */
public final class InMemoryCommandBus implements CommandBus {

    private final CommandDecider decider;
    private final Map<String, InMemoryCandidate> candidates = new HashMap<>();
    private final Map<String, List<Event>> log = new HashMap<>();

    public InMemoryCommandBus(Rules rules) {
        this.decider = new CommandDecider(rules);
    }

    @Override
    public synchronized CompletableFuture<CommandResult> submit(Command command) {
        InMemoryCandidate candidate = candidates.computeIfAbsent(command.candidateId(), id -> new InMemoryCandidate());
        Decision decision = decider.decide(candidate, command);
        candidate.keep(command.commandId(), decision);
        if (decision instanceof Decision.Accepted accepted) {
            log.computeIfAbsent(command.candidateId(), id -> new ArrayList<>()).addAll(accepted.events());
        }
        return CompletableFuture.completedFuture(decision.result());
    }

    @Override
    public void cancel(String candidateId, String commandId) {
        // Every answer is immediate; there is nothing in flight to give up on.
    }

    /** The events accepted for a candidate, in order. */
    public synchronized List<Event> events(String candidateId) {
        return List.copyOf(log.getOrDefault(candidateId, List.of()));
    }
}
