package dev.preptrack.backbone.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preptrack.backbone.RunningBackbone;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transaction left open by a producer that is gone holds a partition's last stable offset back
 * (read_committed readers, store restores, stop there); settling what is open releases it.
 */
@Tag("integration")
@Timeout(120)
class DanglingTransactionsTest {

    @TempDir
    Path dataDir;

    @Test
    void an_open_transaction_left_behind_is_aborted_and_the_partition_is_stable_to_its_end_again() throws Exception {
        try (var backbone = RunningBackbone.start(dataDir); var admin = admin(backbone)) {
            var partition = new TopicPartition("left-open", 0);
            admin.createTopics(List.of(new NewTopic("left-open", 1, (short) 1))).all().get();
            var producer = transactionalProducer(backbone);
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("left-open", "k", "never committed")).get();
            assertThat(stableEnd(admin, partition)).isLessThan(end(admin, partition));

            int settled = DanglingTransactions.settleAll(backbone.kafka());

            assertThat(settled).isEqualTo(1);
            assertThat(stableEnd(admin, partition)).isEqualTo(end(admin, partition));
            assertThat(read(backbone, partition)).as("aborted, not committed").isEmpty();
            // Settled through its coordinator, which fenced the producer that left it open.
            assertThatThrownBy(producer::commitTransaction).isInstanceOf(ProducerFencedException.class);
            assertThat(DanglingTransactions.settleAll(backbone.kafka())).isZero();
            producer.close(java.time.Duration.ZERO);
        }
    }

    private static List<String> read(RunningBackbone backbone, TopicPartition partition) {
        Properties props = backbone.kafka().properties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<String> values = new java.util.ArrayList<>();
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                consumer.poll(java.time.Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
            }
            return values;
        }
    }

    private static KafkaProducer<String, String> transactionalProducer(RunningBackbone backbone) {
        Properties props = backbone.kafka().properties();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "a-process-that-dies");
        // Long enough that the coordinator does not time the transaction out during the test.
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 60_000);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static Admin admin(RunningBackbone backbone) {
        Properties props = backbone.kafka().properties();
        return Admin.create(props);
    }

    private static long stableEnd(Admin admin, TopicPartition partition) throws Exception {
        return admin.listOffsets(Map.of(partition, OffsetSpec.latest()),
                new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get().get(partition).offset();
    }

    private static long end(Admin admin, TopicPartition partition) throws Exception {
        return admin.listOffsets(Map.of(partition, OffsetSpec.latest()),
                new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get().get(partition).offset();
    }
}
