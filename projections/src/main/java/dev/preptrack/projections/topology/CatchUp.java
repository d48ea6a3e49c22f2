package dev.preptrack.projections.topology;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a projection set is behind the events topic as it stood when this was created: the
 * committed-read end of every partition is captured once, and {@link #behind()} compares the
 * set's committed offsets with it. "Healthy" means caught up to that mark, so that a read
 * without {@code after} right after a restart does not miss writes acknowledged before it.
 * (Committed offsets trail processing by at most one commit interval; a set that has committed
 * past the mark has folded everything before it, because it processes before it commits.)
 */
public final class CatchUp implements AutoCloseable {

    private final Admin admin;
    private final String groupId;
    private final Map<TopicPartition, Long> mark;
    private volatile boolean caughtUp;

    private CatchUp(Admin admin, String groupId, Map<TopicPartition, Long> mark) {
        this.admin = admin;
        this.groupId = groupId;
        this.mark = mark;
    }

    /** Captures the end of {@code topic} now, for the application (consumer group) {@code groupId}. */
    public static CatchUp toEndOf(String bootstrapServers, String topic, String groupId) {
        var props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "preptrack-catch-up");
        Admin admin = Admin.create(props);
        try {
            int partitions = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get().get(topic)
                    .partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int partition = 0; partition < partitions; partition++) {
                latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> mark = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                    .all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
            return new CatchUp(admin, groupId, mark);
        } catch (InterruptedException e) {
            admin.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the end of " + topic, e);
        } catch (ExecutionException | RuntimeException e) {
            admin.close();
            throw new IllegalStateException("cannot read the end of " + topic + ": " + e.getMessage(), e);
        }
    }

    /**
     * Events between the set's committed position and the mark, over all partitions; 0 once
     * caught up (and from then on: the mark does not move).
     */
    public long behind() {
        if (caughtUp) {
            return 0;
        }
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get();
            long behind = 0;
            for (var end : mark.entrySet()) {
                OffsetAndMetadata position = committed.get(end.getKey());
                // No commit yet: the whole partition is still to fold (its first offset may be past 0 only if
                // retention cut it, which the events topic's infinite retention rules out).
                behind += Math.max(0, end.getValue() - (position == null ? 0 : position.offset()));
            }
            caughtUp = behind == 0;
            return behind;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Long.MAX_VALUE;
        } catch (ExecutionException e) {
            // The group coordinator may be loading right after a broker restart; ask again at the next look.
            return Long.MAX_VALUE;
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
