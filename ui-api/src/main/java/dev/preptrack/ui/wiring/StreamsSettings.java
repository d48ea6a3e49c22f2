package dev.preptrack.ui.wiring;

import dev.preptrack.projections.topology.DeadLetters;
import dev.preptrack.schemas.kafka.KafkaAccess;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams settings preptrack's processors share: where state lives, how many
 * replicas internal topics get, and that undecodable records go to the dead-letter topic
 * (with the error in their headers) while processing continues.
 *
 * @param instanceId stable across restarts of one installation, distinct between installations
 */
public record StreamsSettings(KafkaAccess kafka, Path stateDir, short replicationFactor, String deadLetterTopic,
        String instanceId) {

    /**
     * As {@link #common()}, telling {@code deadLetters} of every record set aside (the metric and
     * {@code /health}).
     */
    public Properties common(DeadLetters.Listener deadLetters) {
        var props = common();
        DeadLetters.handleIn(props, deadLetters);
        return props;
    }

    /** Settings common to every processor; each sets its own application id and processing guarantee. */
    public Properties common() {
        // The address and the login, for every client Streams makes (consumers, producers, admin).
        Properties props = kafka.properties();
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replicationFactor);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // Only committed events exist: a writer's aborted transaction must never be folded.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_committed");
        // A stream thread's fetch waits at the broker until records arrive, which answers it the
        // moment a write commits; Kafka's 500 ms default only bounds how often an idle consumer asks
        // again, and those empty answers were a visible share of a laptop's idle CPU.
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 5_000);
        // Poison records (see DeadLetters) go to the dead-letter topic with their error; the stream goes on.
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, deadLetterTopic);
        DeadLetters.handleIn(props, null);
        // Static membership: a process restarted after a crash takes its partitions back at once,
        // instead of waiting for the dead member's session to time out.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), instanceId);
        // Every RocksDB store of the process within one shared budget (a laptop's memory, not ~50 x 100 MB).
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDb.class);
        return props;
    }
}
