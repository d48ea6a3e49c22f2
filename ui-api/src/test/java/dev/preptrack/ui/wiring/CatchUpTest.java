package dev.preptrack.ui.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preptrack.backbone.RunningBackbone;
import dev.preptrack.projections.topology.CatchUp;
import dev.preptrack.schemas.SampleEvents;
import dev.preptrack.schemas.Subjects;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Caught up" on the real broker: a group is behind by every event appended before the mark
 * until its committed offsets reach the mark, and events appended after the mark do not move it;
 * what no read-committed consumer will ever see is nothing to fold, what it cannot see yet is.
 */
@Tag("integration")
@Timeout(120)
class CatchUpTest {

    @TempDir
    Path dataDir;

    @Test
    void a_group_is_behind_until_it_has_committed_the_log_as_far_as_it_reached_at_the_mark() throws Exception {
        try (var backbone = RunningBackbone.start(dataDir); var producer = backbone.eventProducer()) {
            var events = SampleEvents.oneOfEachType("cand-catch-up");
            for (var event : events) {
                producer.send(new ProducerRecord<>(Subjects.EVENTS_TOPIC, event.getCandidateId(), event)).get();
            }
            TopicPartition partition = partitionOf(backbone, "cand-catch-up");

            try (var catchUp = CatchUp.toEndOf(backbone.kafka(), Subjects.EVENTS_TOPIC, "g-catch-up")) {
                assertThat(catchUp.behind()).isEqualTo(events.size());

                producer.send(new ProducerRecord<>(Subjects.EVENTS_TOPIC, "cand-catch-up", events.get(0))).get();
                commit(backbone, "g-catch-up", partition, events.size() - 1);
                assertThat(catchUp.behind()).isEqualTo(1);

                commit(backbone, "g-catch-up", partition, events.size());
                assertThat(catchUp.behind()).isZero();
            }
        }
    }

    /**
     * A killed writer's transaction, aborted at start-up, ends the partition with records and a
     * marker no read-committed consumer ever sees, so no group commits past them: once its
     * committed offset stands still before only those, the partition is caught up. A group
     * still short of a visible record is not.
     */
    @Test
    void an_aborted_transaction_at_the_end_of_a_partition_is_nothing_left_to_fold() throws Exception {
        try (var backbone = RunningBackbone.start(dataDir); var producer = backbone.eventProducer()) {
            var events = SampleEvents.oneOfEachType("cand-aborted");
            for (var event : events) {
                producer.send(new ProducerRecord<>(Subjects.EVENTS_TOPIC, event.getCandidateId(), event)).get();
            }
            TopicPartition partition = partitionOf(backbone, "cand-aborted");
            try (var writer = transactional(backbone)) {
                writer.initTransactions();
                writer.beginTransaction();
                writer.send(new ProducerRecord<>(Subjects.EVENTS_TOPIC, partition.partition(), "cand-aborted",
                        new byte[] {0})).get();
                writer.abortTransaction();
            }
            // The coordinator writes the abort marker after abortTransaction() returns; the mark is the
            // stable end, so wait for the record and its marker to be behind it (as at start-up, where
            // the abort is written before the mark is taken).
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> stableEnd(backbone, partition) == events.size() + 2);

            try (var catchUp = CatchUp.toEndOf(backbone.kafka(), Subjects.EVENTS_TOPIC, "g-aborted")) {
                commit(backbone, "g-aborted", partition, events.size() - 1);
                Thread.sleep(1500);
                assertThat(catchUp.behind()).as("one visible event is still to fold").isEqualTo(3);
                Thread.sleep(1500);
                assertThat(catchUp.behind()).as("and stays so while it stands still").isEqualTo(3);

                commit(backbone, "g-aborted", partition, events.size());
                assertThat(catchUp.behind()).as("the aborted record and its marker, until it stands still").isEqualTo(2);
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> catchUp.behind() == 0);
            }
        }
    }

    /**
     * A transaction still open at the mark may be one the coordinator is committing (its result
     * read and the write answered before a kill): its records count as still to fold until it
     * is decided and, if committed, folded; never "nothing to fold" because none is visible yet.
     */
    @Test
    void a_transaction_undecided_at_the_mark_is_behind_until_it_is_committed_and_folded() throws Exception {
        try (var backbone = RunningBackbone.start(dataDir); var producer = backbone.eventProducer()) {
            var events = SampleEvents.oneOfEachType("cand-undecided");
            for (var event : events) {
                producer.send(new ProducerRecord<>(Subjects.EVENTS_TOPIC, event.getCandidateId(), event)).get();
            }
            TopicPartition partition = partitionOf(backbone, "cand-undecided");
            try (var writer = transactional(backbone)) {
                writer.initTransactions();
                writer.beginTransaction();
                writer.send(new ProducerRecord<>(Subjects.EVENTS_TOPIC, partition.partition(), "cand-undecided",
                        new byte[] {0})).get();

                try (var catchUp = CatchUp.toEndOf(backbone.kafka(), Subjects.EVENTS_TOPIC, "g-undecided")) {
                    commit(backbone, "g-undecided", partition, events.size());
                    Thread.sleep(1500);
                    assertThat(catchUp.behind()).as("everything visible folded, the open record not").isEqualTo(1);
                    Thread.sleep(1500);
                    assertThat(catchUp.behind()).as("and so while it stands still").isEqualTo(1);

                    writer.commitTransaction();
                    Thread.sleep(1500);
                    assertThat(catchUp.behind()).as("committed, not folded yet").isEqualTo(1);

                    commit(backbone, "g-undecided", partition, events.size() + 1);
                    assertThat(catchUp.behind()).isZero();
                }
            }
        }
    }

    private static long stableEnd(RunningBackbone backbone, TopicPartition partition) {
        Properties props = backbone.kafka().properties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            return consumer.endOffsets(java.util.List.of(partition)).get(partition);
        }
    }

    private static KafkaProducer<String, byte[]> transactional(RunningBackbone backbone) {
        Properties props = backbone.kafka().properties();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "killed-writer");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private static TopicPartition partitionOf(RunningBackbone backbone, String key) {
        try (var consumer = consumer(backbone, "g-probe")) {
            for (var info : consumer.partitionsFor(Subjects.EVENTS_TOPIC)) {
                var partition = new TopicPartition(Subjects.EVENTS_TOPIC, info.partition());
                if (consumer.endOffsets(java.util.List.of(partition)).get(partition) > 0) {
                    return partition;
                }
            }
        }
        throw new IllegalStateException("no partition holds " + key);
    }

    private static void commit(RunningBackbone backbone, String group, TopicPartition partition, long offset) {
        try (var consumer = consumer(backbone, group)) {
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(offset)));
        }
    }

    private static KafkaConsumer<String, String> consumer(RunningBackbone backbone, String group) {
        Properties props = backbone.kafka().properties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }
}
