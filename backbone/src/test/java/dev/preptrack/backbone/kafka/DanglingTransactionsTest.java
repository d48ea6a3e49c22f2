package dev.preptrack.backbone.kafka;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transaction left open by a producer that is gone holds a partition's last stable offset back
 * (read_committed readers, store restores, stop there); aborting what is open releases it.
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

            int aborted = DanglingTransactions.abortAll(backbone.bootstrapServers());

            assertThat(aborted).isEqualTo(1);
            assertThat(stableEnd(admin, partition)).isEqualTo(end(admin, partition));
            assertThat(DanglingTransactions.abortAll(backbone.bootstrapServers())).isZero();
            producer.close(java.time.Duration.ZERO);
        }
    }

    private static KafkaProducer<String, String> transactionalProducer(RunningBackbone backbone) {
        var props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, backbone.bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "a-process-that-dies");
        // Long enough that the coordinator does not time the transaction out during the test.
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 60_000);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static Admin admin(RunningBackbone backbone) {
        var props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, backbone.bootstrapServers());
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
