package dev.preptrack.tracker.domain;

import dev.preptrack.commands.AnsweredCommand;
import dev.preptrack.commands.CandidateWriteModel;
import dev.preptrack.commands.EntityKind;
import dev.preptrack.commands.KnownEntity;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** One candidate's history held in memory, kept as the command processor keeps its stores. */
final class InMemoryCandidate implements CandidateLookup {

    private CandidateWriteModel model = CommandDecider.emptyModel();
    private final Map<String, KnownEntity> known = new HashMap<>();
    private final Map<String, AnsweredCommand> answered = new HashMap<>();

    @Override
    public CandidateWriteModel model() {
        return model;
    }

    @Override
    public Optional<KnownEntity> entity(EntityKind kind, String id) {
        return Optional.ofNullable(known.get(kind + "/" + id));
    }

    @Override
    public Optional<AnsweredCommand> answered(String commandId) {
        return Optional.ofNullable(answered.get(commandId));
    }

    void keep(String commandId, Decision decision) {
        if (decision instanceof Decision.Accepted accepted) {
            model = accepted.next();
            accepted.known().ifPresent(entity -> known.put(entity.getKind() + "/" + entity.getId(), entity));
            answered.put(commandId, accepted.answer());
        } else if (decision instanceof Decision.Rejected rejected) {
            rejected.answer().ifPresent(answer -> answered.put(commandId, answer));
        }
    }
}
