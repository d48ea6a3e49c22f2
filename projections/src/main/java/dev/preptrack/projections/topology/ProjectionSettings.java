package dev.preptrack.projections.topology;

import dev.preptrack.rules.Rules;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams settings of a projection set, on top of the process's common ones. The
 * folds skip events they have already applied, so at-least-once processing gives exactly-once
 * results without a transaction per commit.
 */
public final class ProjectionSettings {

    /** Reads wait on folded positions; a short commit interval keeps store and offsets close. */
    static final int COMMIT_INTERVAL_MS = 100;
    /**
     * How long an idle stream thread blocks in poll (Streams' default is 100 ms). New events end
     * the wait at once, so it only bounds how late the last offsets of a burst are committed;
     * waking ten times a second for nothing was a visible share of idle CPU.
     */
    static final int POLL_MS = 500;
    /**
     * A set rebuilding a new rules version commits every 5 s instead. Every commit flushes each
     * RocksDB store's memtable to a new file and waits for the broker to sync every changelog append;
     * at 100 ms the rebuild's stream thread spent most of its time there (thread dumps: RocksDB.flush,
     * KafkaProducer.flush). Nobody reads a rebuilding set, and after a crash it refolds at most 5 s of
     * events, which its folds skip as already applied.
     */
    static final int REBUILD_COMMIT_INTERVAL_MS = 5_000;
    /**
     * The record cache in front of the fold stores (they are built with caching on): a candidate's
     * value changes with every event, and without it every change was a RocksDB write and a changelog
     * record — tens of KB for a year's feedback — each synced by the broker. With it, a value goes
     * to the store and the changelog once per commit. A rebuild folds many candidates between
     * commits, so its cache is larger than Streams' 10 MiB default, which the live sets keep.
     */
    static final long REBUILD_CACHE_BYTES = 32L * 1024 * 1024;

    private ProjectionSettings() {
    }

    /**
     * The set's application id names the rules version and the topology's shape, so a build that
     * adds or changes a projection folds the log from the first event into fresh stores instead
     * of resuming old offsets with a store that never saw the early events.
     */
    public static String applicationId(Rules rules) {
        return applicationId(rules.version());
    }

    public static String applicationId(int rulesVersion) {
        return "preptrack-projections-r" + rulesVersion + "-t" + ProjectionSet.TOPOLOGY_VERSION;
    }

    public static Properties of(Properties common, String applicationId, String applicationServer) {
        return of(common, applicationId, applicationServer, false);
    }

    /** As above; {@code rebuilding} commits less often (see {@link #REBUILD_COMMIT_INTERVAL_MS}). */
    public static Properties of(Properties common, String applicationId, String applicationServer, boolean rebuilding) {
        var props = new Properties();
        props.putAll(common);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, rebuilding ? REBUILD_COMMIT_INTERVAL_MS : COMMIT_INTERVAL_MS);
        if (rebuilding) {
            props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, REBUILD_CACHE_BYTES);
        }
        props.put(StreamsConfig.POLL_MS_CONFIG, POLL_MS);
        return props;
    }
}
