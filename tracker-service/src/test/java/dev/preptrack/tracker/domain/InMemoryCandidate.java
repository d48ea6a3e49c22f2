package dev.preptrack.tracker.domain;

import dev.preptrack.commands.AnsweredCommand;
import dev.preptrack.commands.CandidateWriteModel;
import dev.preptrack.commands.EntityKind;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One candidate's history held in memory, kept as the command processor keeps its stores. */
final class InMemoryCandidate implements CandidateLookup {

    private CandidateWriteModel model = CommandDecider.emptyModel();
    private final Set<String> known = new HashSet<>();
    private final Map<String, AnsweredCommand> answered = new HashMap<>();

    @Override
    public CandidateWriteModel model() {
        return model;
    }

    @Override
    public boolean knows(EntityKind kind, String id) {
        return known.contains(kind + "/" + id);
    }

    @Override
    public Optional<AnsweredCommand> answered(String commandId) {
        return Optional.ofNullable(answered.get(commandId));
    }

    void keep(String commandId, Decision decision) {
        if (decision instanceof Decision.Accepted accepted) {
            model = accepted.next();
            accepted.known().ifPresent(entity -> known.add(entity.getKind() + "/" + entity.getId()));
            answered.put(commandId, accepted.answer());
        } else if (decision instanceof Decision.Rejected rejected) {
            rejected.answer().ifPresent(answer -> answered.put(commandId, answer));
        }
    }
}
