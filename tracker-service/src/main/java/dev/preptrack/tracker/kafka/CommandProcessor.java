package dev.preptrack.tracker.kafka;

import dev.preptrack.commands.CandidateWriteModel;
import dev.preptrack.commands.Command;
import dev.preptrack.commands.CommandResult;
import dev.preptrack.events.Envelope;
import dev.preptrack.tracker.domain.CommandDecider;
import dev.preptrack.tracker.domain.Decision;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The single writer per candidate: consumes commands keyed by candidate id, decides each one
 * against the candidate's write model ({@link CommandDecider}), and publishes the events and
 * the result. Run with exactly_once_v2, the store update, the events and the result of one
 * command commit together or not at all, so an ACCEPTED result read with read_committed means
 * the events are durably in the log, and a crash never appends a command's events twice.
 *
 * <p>Partitioning by candidate id makes the stateful checks race-free across processes: one
 * stream task owns a candidate at a time.
 */
public final class CommandProcessor {

    public static final String WRITE_MODELS = "write-models";
    static final String SOURCE = "commands";
    static final String DECIDE = "decide";
    static final String EVENTS_SINK = "events";
    static final String RESULTS_SINK = "results";

    private CommandProcessor() {
    }

    /** The topics the processor reads and writes, and the serdes of their values. */
    public record Wiring(
            String commandsTopic, String eventsTopic, String resultsTopic,
            Serde<String> keys, Serde<Command> commands, Serde<Envelope> events,
            Serde<CommandResult> results, Serde<CandidateWriteModel> writeModels) {
    }

    public static Topology build(Wiring wiring, CommandDecider decider) {
        var topology = new Topology();
        topology.addSource(SOURCE, wiring.keys().deserializer(), wiring.commands().deserializer(), wiring.commandsTopic());
        topology.addProcessor(DECIDE, () -> new Decide(decider), SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WRITE_MODELS),
                wiring.keys(), wiring.writeModels()), DECIDE);
        topology.addSink(EVENTS_SINK, wiring.eventsTopic(), wiring.keys().serializer(), wiring.events().serializer(),
                DECIDE);
        topology.addSink(RESULTS_SINK, wiring.resultsTopic(), wiring.keys().serializer(), wiring.results().serializer(),
                DECIDE);
        return topology;
    }

    /** Consume → decide → publish, for one command at a time. */
    private static final class Decide implements Processor<String, Command, String, Object> {
        private final CommandDecider decider;
        private ProcessorContext<String, Object> context;
        private KeyValueStore<String, CandidateWriteModel> writeModels;

        Decide(CommandDecider decider) {
            this.decider = decider;
        }

        @Override
        public void init(ProcessorContext<String, Object> context) {
            this.context = context;
            this.writeModels = context.getStateStore(WRITE_MODELS);
        }

        @Override
        public void process(Record<String, Command> record) {
            Command command = record.value();
            String candidateId = command.getCandidateId();
            Decision decision = decider.decide(writeModels.get(candidateId), command);
            if (!(decision instanceof Decision.Replayed)) {
                writeModels.put(candidateId, decision.next());
            }
            if (decision instanceof Decision.Accepted accepted) {
                for (Envelope event : accepted.events()) {
                    context.forward(new Record<String, Object>(candidateId, event, record.timestamp()), EVENTS_SINK);
                }
            }
            context.forward(new Record<String, Object>(candidateId, decision.result(), record.timestamp()),
                    RESULTS_SINK);
        }
    }
}
