package dev.preptrack.tracker.domain;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** One candidate's history held in memory, kept as the command processor keeps its stores. */
public final class InMemoryCandidate implements CandidateLookup {

    private WriteModel model = WriteModel.EMPTY;
    private final Map<String, KnownEntity> known = new HashMap<>();
    private final Map<String, AnsweredCommand> answered = new HashMap<>();

    @Override
    public WriteModel model() {
        return model;
    }

    @Override
    public Optional<KnownEntity> entity(KnownEntity.Kind kind, String id) {
        return Optional.ofNullable(known.get(kind + "/" + id));
    }

    @Override
    public Optional<AnsweredCommand> answered(String commandId) {
        return Optional.ofNullable(answered.get(commandId));
    }

    public void keep(String commandId, Decision decision) {
        if (decision instanceof Decision.Accepted accepted) {
            model = accepted.next();
            accepted.known().forEach(entity -> known.put(entity.kind() + "/" + entity.id(), entity));
            answered.put(commandId, accepted.answer());
        } else if (decision instanceof Decision.Rejected rejected) {
            rejected.answer().ifPresent(answer -> answered.put(commandId, answer));
        }
    }
}
