package dev.preptrack.projections.topology;

import dev.preptrack.schemas.kafka.KafkaAccess;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * How far a projection set is behind the events topic as it stood when this was created: the
 * end of every partition is captured once, and {@link #behind()} compares the set's committed
 * offsets with it. "Healthy" means caught up to that mark, so that a read without {@code after}
 * right after a restart does not miss writes acknowledged before it. (Committed offsets trail
 * processing by at most one commit interval; a set that has committed past the mark has folded
 * everything before it, because it processes before it commits.)
 *
 * <p>The mark is the end of the log, not its last stable offset. A write is answered once its
 * result is readable, and the coordinator writes a transaction's markers partition by partition:
 * a kill between the result's and the event's leaves, at the next start, an acknowledged event
 * above the stable offset until the coordinator finishes that commit. A mark at the stable
 * offset would count the set caught up without it.
 *
 * <p>A committed offset can also stop short of the mark for good: Streams commits the offset
 * after the last record it processed, and what may follow it — the records of a transaction a
 * killed writer left open and start-up aborted, and the abort marker — is never delivered to a
 * read-committed consumer, so it is never processed and never committed past. A partition whose
 * span between its committed offset and the mark holds no record a read-committed consumer sees
 * has nothing left to fold, and counts as caught up; a span still inside an open transaction is
 * not known yet, and counts as behind until that transaction is decided. (Without this, a
 * restart after a kill in the middle of a write waited forever, "2 events behind".)
 */
public final class CatchUp implements AutoCloseable {

    private static final Duration LOOK_AHEAD = Duration.ofSeconds(2);
    /**
     * How long a committed offset must stand still before the span after it is looked into: a
     * group that is folding commits every 100 ms, so only a stalled one is read (one consumer per
     * stuck partition, not one per health check).
     */
    private static final Duration STILL = Duration.ofMillis(500);

    private record Still(long from, long since) {
    }

    private final Admin admin;
    private final KafkaAccess kafka;
    private final String groupId;
    private final Map<TopicPartition, Long> mark;
    /** Per partition, a committed offset from which nothing visible lies before the mark. */
    private final Map<TopicPartition, Long> nothingToFoldFrom = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Still> still = new ConcurrentHashMap<>();
    private volatile boolean caughtUp;

    private CatchUp(Admin admin, KafkaAccess kafka, String groupId, Map<TopicPartition, Long> mark) {
        this.admin = admin;
        this.kafka = kafka;
        this.groupId = groupId;
        this.mark = mark;
    }

    /** Captures the end of {@code topic} now, for the application (consumer group) {@code groupId}. */
    public static CatchUp toEndOf(KafkaAccess kafka, String topic, String groupId) {
        return to(kafka, topic, groupId, endOffsets(kafka, topic));
    }

    /** Up to {@code targets} (offset per partition of {@code topic}), captured earlier: a rebuild's. */
    public static CatchUp to(KafkaAccess kafka, String topic, String groupId, Map<Integer, Long> targets) {
        Map<TopicPartition, Long> mark = new HashMap<>();
        targets.forEach((partition, offset) -> mark.put(new TopicPartition(topic, partition), offset));
        return new CatchUp(admin(kafka), kafka, groupId, mark);
    }

    private static Admin admin(KafkaAccess kafka) {
        Properties props = kafka.properties();
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "preptrack-catch-up");
        return Admin.create(props);
    }

    /** The end of every partition of {@code topic} now (aborted and undecided records included: see the class). */
    public static Map<Integer, Long> endOffsets(KafkaAccess kafka, String topic) {
        try (Admin admin = admin(kafka)) {
            int partitions = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get().get(topic)
                    .partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int partition = 0; partition < partitions; partition++) {
                latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
            }
            return admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED))
                    .all().get().entrySet().stream()
                    .collect(Collectors.toMap(entry -> entry.getKey().partition(), entry -> entry.getValue().offset()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the end of " + topic, e);
        } catch (ExecutionException | RuntimeException e) {
            throw new IllegalStateException("cannot read the end of " + topic + ": " + e.getMessage(), e);
        }
    }

    /** Events up to the mark over all partitions: what catching up means in all (the events topic is never cut). */
    public long total() {
        return mark.values().stream().mapToLong(Long::longValue).sum();
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
                long from = position == null ? 0 : position.offset();
                if (from < end.getValue()
                        && !(standingStill(end.getKey(), from) && nothingToFold(end.getKey(), from, end.getValue()))) {
                    behind += end.getValue() - from;
                }
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

    private boolean standingStill(TopicPartition partition, long from) {
        long now = System.nanoTime();
        Still seen = still.get(partition);
        if (seen == null || seen.from() != from) {
            still.put(partition, new Still(from, now));
            return false;
        }
        return now - seen.since() >= STILL.toNanos();
    }

    /**
     * Whether a read-committed consumer finds no record in [{@code from}, {@code end}): then only
     * aborted records and transaction markers lie there. A consumer that cannot reach the mark
     * (an open transaction holds the stable offset below it) does not know yet. A yes for a given
     * {@code from} cannot change (everything before the mark is decided by then), so it is kept.
     */
    private boolean nothingToFold(TopicPartition partition, long from, long end) {
        Long known = nothingToFoldFrom.get(partition);
        if (known != null && known == from) {
            return true;
        }
        Properties props = kafka.properties();
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "preptrack-catch-up-look-ahead");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, from);
            long deadline = System.nanoTime() + LOOK_AHEAD.toNanos();
            while (System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.offset() < end) {
                        return false;
                    }
                }
                if (consumer.position(partition) >= end) {
                    nothingToFoldFrom.put(partition, from);
                    return true;
                }
            }
            // Not known yet (the broker slow to answer): count it as behind and look again next time.
            return false;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
