package dev.preptrack.tracker.kafka;

import dev.preptrack.commands.AnsweredCommand;
import dev.preptrack.commands.CandidateWriteModel;
import dev.preptrack.commands.Command;
import dev.preptrack.commands.CommandResult;
import dev.preptrack.commands.KnownEntity;
import dev.preptrack.events.Envelope;
import dev.preptrack.schemas.Subjects;
import dev.preptrack.schemas.kafka.KafkaAccess;
import dev.preptrack.schemas.registry.SchemaRegistryClient;
import dev.preptrack.schemas.serde.SpecificAvroSerde;
import dev.preptrack.tracker.domain.CommandDecider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running write side of one process: its share of the command processor (the single
 * writer per candidate) and the gateway through which requests reach it.
 */
public final class WriteSide implements AutoCloseable {

    public static final String APPLICATION_ID = "preptrack-command-processor";

    /**
     * Written beside the processor's state when it stops cleanly, and removed when it starts: its
     * absence at start means the last run was killed (or never ran).
     */
    static final String CLEAN_STOP_MARKER = APPLICATION_ID + ".stopped-cleanly";

    private static final Logger log = LoggerFactory.getLogger(WriteSide.class);

    private final KafkaStreams processor;
    private final CommandGateway gateway;
    private final Path cleanStopMarker;

    private WriteSide(KafkaStreams processor, CommandGateway gateway, Path cleanStopMarker) {
        this.processor = processor;
        this.gateway = gateway;
        this.cleanStopMarker = cleanStopMarker;
    }

    /**
     * @param streamsSettings the shared Streams settings; the application id and the
     *     exactly-once guarantee are set here
     */
    public static WriteSide start(Properties streamsSettings, SchemaRegistryClient registry, CommandDecider decider,
            Duration sendTimeout) {
        return start(streamsSettings, registry, decider, sendTimeout, null);
    }

    /**
     * @param restores told how far the restore of the writer's stores has come (after a crash,
     *     exactly-once rebuilds them from their changelogs), or null
     */
    public static WriteSide start(Properties streamsSettings, SchemaRegistryClient registry, CommandDecider decider,
            Duration sendTimeout, StateRestoreListener restores) {
        return start(streamsSettings, registry, () -> decider, sendTimeout, restores);
    }

    /** As above, deciding each command with the decider {@code decider} gives then: the active rules version's. */
    public static WriteSide start(Properties streamsSettings, SchemaRegistryClient registry,
            java.util.function.Supplier<CommandDecider> decider, Duration sendTimeout, StateRestoreListener restores) {
        // The processor's threads and the result listener wait out a registry outage (a failed
        // serialization would kill them); the gateway's send runs on a request's thread and fails
        // fast instead, so that request is answered 503.
        SchemaRegistryClient background = registry.patient(SchemaRegistryClient.BACKGROUND_PATIENCE);
        var wiring = new CommandProcessor.Wiring(Subjects.COMMANDS_TOPIC, Subjects.EVENTS_TOPIC,
                Subjects.COMMAND_RESULTS_TOPIC, Serdes.String(),
                new SpecificAvroSerde<>(background, Command.class), new SpecificAvroSerde<>(background, Envelope.class),
                new SpecificAvroSerde<>(background, CommandResult.class),
                new SpecificAvroSerde<>(background, CandidateWriteModel.class),
                new SpecificAvroSerde<>(background, AnsweredCommand.class), new SpecificAvroSerde<>(background, KnownEntity.class));
        var props = new Properties();
        props.putAll(streamsSettings);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // A write waits for its transaction to commit. The processor asks for the commit once it
        // has decided every command its consumer handed out (DrainedPolls), so one transaction
        // covers every command that was waiting and the poll that follows may block for long:
        // waiting costs nothing while idle (docs/benchmarks.md, "Idle"). The interval is only a
        // safety net should that signal not come; a short one would split batches (it fires on the
        // first command after a pause whenever that much time has passed since the last commit).
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 5_000);
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG), DrainedPolls.class.getName());
        props.put(StreamsConfig.POLL_MS_CONFIG, 1000);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 0);
        var processor = new KafkaStreams(CommandProcessor.build(wiring, decider), props);
        Path marker = Path.of(props.getProperty(StreamsConfig.STATE_DIR_CONFIG)).resolve(CLEAN_STOP_MARKER);
        if (!removeMarker(marker)) {
            // After an unclean stop, exactly-once must treat every local store as dirty: Streams
            // would open each task's stores, find no checkpoint, report the task corrupted, wipe it
            // and rebalance (about two seconds of a restart here). Wiping first gives the same
            // restore from the changelogs without the detour.
            processor.cleanUp();
        }
        if (restores != null) {
            processor.setGlobalStateRestoreListener(restores);
        }
        var gateway = new CommandGateway(KafkaAccess.in(props),
                Subjects.COMMANDS_TOPIC, Subjects.COMMAND_RESULTS_TOPIC, new SpecificAvroSerde<>(registry, Command.class),
                wiring.results(), sendTimeout);
        processor.start();
        return new WriteSide(processor, gateway, marker);
    }

    /** @return whether the marker was there, i.e. the last run stopped cleanly */
    private static boolean removeMarker(Path marker) {
        try {
            return Files.deleteIfExists(marker);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + marker, e);
        }
    }

    public CommandGateway gateway() {
        return gateway;
    }

    public KafkaStreams.State state() {
        return processor.state();
    }

    /** The writer's Kafka Streams application, for its metrics on {@code /metrics}; nothing else drives it. */
    public KafkaStreams streams() {
        return processor;
    }

    @Override
    public void close() {
        gateway.close();
        if (processor.close(Duration.ofSeconds(30))) {
            try {
                Files.createDirectories(cleanStopMarker.getParent());
                Files.writeString(cleanStopMarker, "");
            } catch (IOException e) {
                // Only costs the next start its shortcut: it will restore the stores from their changelogs.
                log.warn("cannot write {}: {}", cleanStopMarker, e.toString());
            }
        }
    }
}
