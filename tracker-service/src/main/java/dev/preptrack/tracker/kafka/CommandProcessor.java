package dev.preptrack.tracker.kafka;

import dev.preptrack.commands.AnsweredCommand;
import dev.preptrack.commands.CandidateWriteModel;
import dev.preptrack.commands.Command;
import dev.preptrack.commands.CommandResult;
import dev.preptrack.commands.KnownEntity;
import dev.preptrack.domain.event.Event;
import dev.preptrack.events.Envelope;
import dev.preptrack.schemas.codec.EventCodec;
import dev.preptrack.tracker.domain.CandidateLookup;
import dev.preptrack.tracker.domain.CommandDecider;
import dev.preptrack.tracker.domain.Decision;
import dev.preptrack.tracker.domain.WriteModel;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The single writer per candidate: consumes commands keyed by candidate id, decides each one
 * against the candidate's history ({@link CommandDecider}), and publishes the events and the
 * result. Run with exactly_once_v2, the store updates, the events and the result of one
 * command commit together or not at all, so an ACCEPTED result read with read_committed means
 * the events are durably in the log, and a crash never appends a command's events twice.
 *
 * <p>Partitioning by candidate id makes the stateful checks race-free across processes: one
 * stream task owns a candidate at a time. The small write model is one entry per candidate;
 * what grows with history (answered commands, known ids) is one entry per item, so a command
 * costs the same however long the candidate's history.
 *
 * <p>The topology only wires: records are mapped to the domain's types by {@link CommandCodec}
 * and {@link EventCodec} on the way in and out, and the decision is the decider's.
 */
public final class CommandProcessor {

    public static final String WRITE_MODELS = "write-models";
    public static final String ANSWERED_COMMANDS = "answered-commands";
    public static final String KNOWN_ENTITIES = "known-entities";
    static final String SOURCE = "commands";
    static final String DECIDE = "decide";
    static final String EVENTS_SINK = "events";
    static final String RESULTS_SINK = "results";

    private CommandProcessor() {
    }

    /** The topics the processor reads and writes, and the serdes of their values and stores. */
    public record Wiring(
            String commandsTopic, String eventsTopic, String resultsTopic,
            Serde<String> keys, Serde<Command> commands, Serde<Envelope> events,
            Serde<CommandResult> results, Serde<CandidateWriteModel> writeModels,
            Serde<AnsweredCommand> answeredCommands, Serde<KnownEntity> knownEntities) {
    }

    public static Topology build(Wiring wiring, CommandDecider decider) {
        return build(wiring, () -> decider);
    }

    /**
     * @param decider the decider of the active rules version, asked per command: when reads switch
     *     to a newly published version, the writer checks what it accepts against that version too
     */
    public static Topology build(Wiring wiring, Supplier<CommandDecider> decider) {
        var topology = new Topology();
        topology.addSource(SOURCE, wiring.keys().deserializer(), wiring.commands().deserializer(), wiring.commandsTopic());
        topology.addProcessor(DECIDE, () -> new Decide(decider, wiring.commandsTopic()), SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WRITE_MODELS),
                wiring.keys(), wiring.writeModels()), DECIDE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ANSWERED_COMMANDS),
                wiring.keys(), wiring.answeredCommands()), DECIDE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(KNOWN_ENTITIES),
                wiring.keys(), wiring.knownEntities()), DECIDE);
        topology.addSink(EVENTS_SINK, wiring.eventsTopic(), wiring.keys().serializer(), wiring.events().serializer(),
                DECIDE);
        topology.addSink(RESULTS_SINK, wiring.resultsTopic(), wiring.keys().serializer(), wiring.results().serializer(),
                DECIDE);
        return topology;
    }

    /** Store key of a per-item entry: the candidate, then the item, never mixing candidates. */
    static String entryKey(String candidateId, String... parts) {
        return candidateId + '\u0000' + String.join("\u0000", parts);
    }

    /** Consume → decide → keep → publish, for one command at a time. */
    private static final class Decide implements Processor<String, Command, String, Object> {
        private final Supplier<CommandDecider> decider;
        private final String commandsTopic;
        private ProcessorContext<String, Object> context;
        private KeyValueStore<String, CandidateWriteModel> writeModels;
        private KeyValueStore<String, AnsweredCommand> answered;
        private KeyValueStore<String, KnownEntity> known;

        Decide(Supplier<CommandDecider> decider, String commandsTopic) {
            this.decider = decider;
            this.commandsTopic = commandsTopic;
        }

        @Override
        public void init(ProcessorContext<String, Object> context) {
            this.context = context;
            this.writeModels = context.getStateStore(WRITE_MODELS);
            this.answered = context.getStateStore(ANSWERED_COMMANDS);
            this.known = context.getStateStore(KNOWN_ENTITIES);
        }

        @Override
        public void process(Record<String, Command> record) {
            var command = CommandCodec.decode(record.value());
            String candidateId = command.candidateId();
            String answerKey = entryKey(candidateId, command.commandId());
            Decision decision = decider.get().decide(lookup(candidateId), command);
            if (decision instanceof Decision.Accepted accepted) {
                writeModels.put(candidateId, CommandCodec.encode(accepted.next()));
                for (var entity : accepted.known()) {
                    known.put(entryKey(candidateId, entity.kind().name(), entity.id()), CommandCodec.encode(entity));
                }
                answered.put(answerKey, CommandCodec.encode(accepted.answer()));
                for (Event event : accepted.events()) {
                    context.forward(new Record<String, Object>(candidateId, EventCodec.encode(event), record.timestamp()),
                            EVENTS_SINK);
                }
            } else if (decision instanceof Decision.Rejected rejected) {
                rejected.answer().ifPresent(answer -> answered.put(answerKey, CommandCodec.encode(answer)));
            }
            context.forward(new Record<String, Object>(candidateId, CommandCodec.encode(decision.result()),
                    record.timestamp()), RESULTS_SINK);
            // Commit once every command that was waiting has been decided: one transaction for them
            // all, and none left waiting for a timer (DrainedPolls).
            var source = context.recordMetadata().orElseThrow();
            if (DrainedPolls.processed(new TopicPartition(source.topic(), source.partition()), source.offset())) {
                context.commit();
            }
        }

        @Override
        public void close() {
            DrainedPolls.closed(new TopicPartition(commandsTopic, context.taskId().partition()));
        }

        private CandidateLookup lookup(String candidateId) {
            return new CandidateLookup() {
                @Override
                public WriteModel model() {
                    CandidateWriteModel model = writeModels.get(candidateId);
                    return model == null ? WriteModel.EMPTY : CommandCodec.decode(model);
                }

                @Override
                public Optional<dev.preptrack.tracker.domain.KnownEntity> entity(
                        dev.preptrack.tracker.domain.KnownEntity.Kind kind, String id) {
                    return Optional.ofNullable(known.get(entryKey(candidateId, kind.name(), id)))
                            .map(CommandCodec::decode);
                }

                @Override
                public Optional<dev.preptrack.tracker.domain.AnsweredCommand> answered(String commandId) {
                    return Optional.ofNullable(answered.get(entryKey(candidateId, commandId))).map(CommandCodec::decode);
                }
            };
        }
    }
}
