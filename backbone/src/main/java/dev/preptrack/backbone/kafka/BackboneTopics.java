package dev.preptrack.backbone.kafka;

import dev.preptrack.schemas.Subjects;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The topics the backbone owns, with the configs they are created with. Replication comes
 * from configuration (1 on the embedded broker, 3 on a cluster); {@code min.insync.replicas}
 * follows it so that {@code acks=all} means "on a majority of replicas".
 */
public final class BackboneTopics {

    /** Where the embedded registry keeps its schemas, as Confluent's keeps {@code _schemas}. */
    public static final String SCHEMAS_TOPIC = "_preptrack_schemas";
    /** Every published rules version and each step of its life (the rules log, {@code RulesLog}). */
    public static final String RULES_TOPIC = "preptrack.rules";
    /** Undecodable records from any of preptrack's processors. */
    public static final String DEAD_LETTERS_TOPIC = "preptrack.dead-letters";

    private final int eventPartitions;
    private final short replicationFactor;

    public BackboneTopics(int eventPartitions, short replicationFactor) {
        if (eventPartitions < 1 || replicationFactor < 1) {
            throw new IllegalArgumentException("partitions and replication factor must be at least 1");
        }
        this.eventPartitions = eventPartitions;
        this.replicationFactor = replicationFactor;
    }

    /** The system of record: never deleted, never compacted (every event is history). */
    public TopicSpec events() {
        return new TopicSpec(Subjects.EVENTS_TOPIC, eventPartitions, replicationFactor, Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, "-1",
                TopicConfig.RETENTION_BYTES_CONFIG, "-1",
                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInSyncReplicas()));
    }

    /**
     * Commands waiting for their candidate's single writer. Co-partitioned with the events
     * (same key, same partition count). A week is ample: a command is decided within
     * moments, and retries are answered from the writer's state, not from this topic.
     */
    public TopicSpec commands() {
        return new TopicSpec(Subjects.COMMANDS_TOPIC, eventPartitions, replicationFactor, Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, String.valueOf(7L * 24 * 3600 * 1000),
                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInSyncReplicas()));
    }

    /** The writer's answers; only callers still waiting read them, so a day is ample. */
    public TopicSpec commandResults() {
        return new TopicSpec(Subjects.COMMAND_RESULTS_TOPIC, eventPartitions, replicationFactor, Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, String.valueOf(24L * 3600 * 1000),
                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInSyncReplicas()));
    }

    /** Records no processor could read, with the error in their headers; kept for a person to inspect. */
    public TopicSpec deadLetters() {
        return new TopicSpec(DEAD_LETTERS_TOPIC, 1, replicationFactor, Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, "-1",
                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInSyncReplicas()));
    }

    /** The registry's table of schemas and configs: one partition keeps a single global order. */
    public TopicSpec schemas() {
        return new TopicSpec(SCHEMAS_TOPIC, 1, replicationFactor, Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInSyncReplicas()));
    }

    /**
     * The rules log: one partition for one order (versions are numbered by it), compacted and
     * never cut. Its keys do not repeat, so compaction keeps every version's document for good.
     */
    public TopicSpec rules() {
        return new TopicSpec(RULES_TOPIC, 1, replicationFactor, Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInSyncReplicas()));
    }

    /**
     * A projection's output topic: compacted, since only each candidate's latest value
     * matters, with the events' configured partition count so a consumer can join them by key.
     */
    public TopicSpec projectionOutput(String name) {
        return new TopicSpec(name, eventPartitions, replicationFactor, Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInSyncReplicas()));
    }

    public int eventPartitions() {
        return eventPartitions;
    }

    /**
     * These topics with the partition count of the events topic where it already exists: the count
     * configured is the one a new log is created with, and every topic keyed by candidate must keep
     * the log's (commands are co-partitioned with the events; a changed default or setting must not
     * create a missing one, or a new projection output, with another).
     */
    public BackboneTopics followingTheLog(Admin admin) {
        try {
            int actual = admin.describeTopics(List.of(Subjects.EVENTS_TOPIC)).allTopicNames().get()
                    .get(Subjects.EVENTS_TOPIC).partitions().size();
            return actual == eventPartitions ? this : new BackboneTopics(actual, replicationFactor);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return this;
            }
            throw new IllegalStateException("cannot describe " + Subjects.EVENTS_TOPIC + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing " + Subjects.EVENTS_TOPIC, e);
        }
    }

    public List<TopicSpec> all() {
        return List.of(events(), commands(), commandResults(), deadLetters(), schemas(), rules());
    }

    private String minInSyncReplicas() {
        return String.valueOf(replicationFactor == 1 ? 1 : replicationFactor / 2 + 1);
    }
}
