package dev.preptrack.backbone.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeProducersResult.PartitionProducerState;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.TransactionCoordinatorFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aborts the transactions a killed process left open on the embedded broker, before anything
 * reads the log again. Seen here after {@code kill -9} of {@code preptrack up} under write load:
 * the transaction coordinator had recorded the writer's last transaction as complete, yet one
 * store changelog partition still held that transaction's records without its marker, so its
 * last stable offset stayed below its end, and restoring the store waited for it forever. The
 * coordinator never times such a partition out, because it no longer counts it as part of any
 * transaction (KIP-664 calls these hanging transactions and gives operators a tool to abort them).
 *
 * <p>Only for the embedded broker, and only at start: preptrack holds the lock on its home, so
 * no other process writes to this broker, and none of this process's producers has started
 * yet — every transaction still open was left by a process that is gone. Its records were never
 * acknowledged (a write is answered only once its transaction commits), so aborting loses nothing.
 */
public final class DanglingTransactions {

    private static final Logger log = LoggerFactory.getLogger(DanglingTransactions.class);

    private DanglingTransactions() {
    }

    /**
     * Aborts every transaction open on any partition of the broker; answers how many it aborted.
     * A partition it cannot release is logged and left as it is (start-up then says it is waiting
     * for that store's restore), never a reason to stop.
     */
    public static int abortAll(String bootstrapServers) {
        var props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "preptrack-dangling-transactions");
        try (Admin admin = Admin.create(props)) {
            var topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
            List<TopicPartition> partitions = new ArrayList<>();
            for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get().values()) {
                topic.partitions().forEach(partition -> partitions.add(new TopicPartition(topic.name(),
                        partition.partition())));
            }
            Map<TopicPartition, PartitionProducerState> states = admin.describeProducers(partitions).all().get();
            int aborted = 0;
            for (var partition : states.entrySet()) {
                for (ProducerState producer : partition.getValue().activeProducers()) {
                    if (producer.currentTransactionStartOffset().isEmpty()) {
                        continue;
                    }
                    if (abort(admin, partition.getKey(), producer)) {
                        log.warn("aborted a transaction a stopped process left open on {} (producer {}, from offset {})",
                                partition.getKey(), producer.producerId(),
                                producer.currentTransactionStartOffset().getAsLong());
                        aborted++;
                    }
                }
            }
            return aborted;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while looking for open transactions", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot look for transactions left open: " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    /**
     * The abort marker carries the transaction's producer epoch; with transactions version 2
     * (Kafka 4) a transaction's markers carry the next epoch, which the partition may insist on,
     * so that one is tried when the first is refused as stale.
     */
    private static boolean abort(Admin admin, TopicPartition partition, ProducerState producer)
            throws InterruptedException {
        for (int bump = 0; bump <= 1; bump++) {
            try {
                admin.abortTransaction(new AbortTransactionSpec(partition, producer.producerId(),
                        (short) (producer.producerEpoch() + bump), producer.coordinatorEpoch().orElse(-1))).all().get();
                return true;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TransactionCoordinatorFencedException) {
                    // The coordinator still has this transaction in hand (it was killed mid-transaction,
                    // not forgotten), and aborts it itself when the writer's producer starts again.
                    log.debug("left the transaction open on {} to its coordinator", partition);
                    return false;
                }
                if (!(e.getCause() instanceof InvalidProducerEpochException) || bump == 1) {
                    log.warn("could not abort the transaction left open on {} (producer {}, epoch {}): {}", partition,
                            producer.producerId(), producer.producerEpoch(), e.getCause().getMessage());
                    return false;
                }
            }
        }
        return false;
    }
}
