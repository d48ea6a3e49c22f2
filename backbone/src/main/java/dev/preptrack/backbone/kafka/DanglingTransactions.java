package dev.preptrack.backbone.kafka;

import dev.preptrack.schemas.kafka.KafkaAccess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TransactionCoordinatorFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles the transactions a killed process left open on the embedded broker, before anything
 * reads the log again, in two steps:
 *
 * <ol>
 *   <li>Every transaction its coordinator still has in hand (ongoing, or half way through its
 *       commit or abort) is finished by the coordinator itself: a producer takes its
 *       transactional id, which fences the dead one, and {@code initTransactions()} returns once
 *       the coordinator has written that transaction's markers on every partition. One being
 *       committed is committed — its result may already have been read and the write answered,
 *       because the coordinator writes the markers partition by partition and a kill can fall
 *       between the result's and the event's. Aborting such a transaction from outside would
 *       lose an acknowledged write; an ongoing one was never answered, and is aborted.
 *   <li>What stays open, and unknown to every coordinator, for {@code UNKNOWN_FOR} (counted per
 *       producer, from when it was first seen so) is a hanging
 *       transaction (KIP-664): records on a partition without a marker, of a transaction its
 *       coordinator no longer counts that partition in. Seen here after {@code kill -9} of
 *       {@code preptrack up} under write load: one store changelog partition held them, its last
 *       stable offset stayed below its end, and restoring the store waited forever. The
 *       coordinator never times those out, so they are aborted on the partition (the admin API
 *       KIP-664 gives operators). Not at once: right after the broker starts, a coordinator may
 *       not list a transaction it has not loaded yet, or still be writing a commit's markers (its
 *       connections fail until the broker's listener opens). Aborting those at once — as this
 *       did — aborted the rest of a commit whose event was already committed: the writer's
 *       changelogs then forgot a decision the log kept, and the next command took the same
 *       sequence number (the fault suite's kill test caught it as one attempt too few).
 * </ol>
 *
 * <p>Only for the embedded broker, and only at start: preptrack holds the lock on its home, so
 * no other process writes to this broker, and none of this process's producers has started
 * yet — every transaction still open was left by a process that is gone.
 */
public final class DanglingTransactions {

    private static final Logger log = LoggerFactory.getLogger(DanglingTransactions.class);

    private DanglingTransactions() {
    }

    /** Transactions a coordinator may still be working on: they are finished by that coordinator. */
    private static final Set<TransactionState> IN_HAND = EnumSet.of(TransactionState.ONGOING,
            TransactionState.PREPARE_COMMIT, TransactionState.PREPARE_ABORT, TransactionState.PREPARE_EPOCH_FENCE);
    /** Right after the broker starts, its coordinators may still be loading the transaction log. */
    private static final Duration LOADING = Duration.ofSeconds(60);
    /**
     * How long a transaction open on a partition must stay unknown to every coordinator before it
     * counts as hanging. Right after a start the coordinator may not list a transaction it has not
     * loaded yet, or may still be writing its markers (the broker's listener opens last); aborting
     * one of those from outside could abort a commit whose result was already read.
     */
    private static final Duration UNKNOWN_FOR = Duration.ofSeconds(15);

    /**
     * Settles every transaction open on the broker, committing what its coordinator is
     * committing; answers how many it settled. A partition it cannot release is logged and left as
     * it is (start-up then says it is waiting for that store's restore), never a reason to stop.
     */
    public static int settleAll(KafkaAccess kafka) {
        Properties props = kafka.properties();
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "preptrack-dangling-transactions");
        try (Admin admin = Admin.create(props)) {
            int settled = 0;
            // Per producer: since when its open transaction has been unknown to every coordinator.
            Map<Long, Long> unknownSince = new HashMap<>();
            // Aborted once (or tried): never again; what stays open after that is logged by abort().
            Set<Long> aborted = new HashSet<>();
            long deadline = System.nanoTime() + LOADING.toNanos();
            while (true) {
                Map<Long, List<Open>> open = openTransactions(admin);
                open.keySet().removeAll(aborted);
                if (open.isEmpty()) {
                    return settled;
                }
                Set<Long> inHand = new HashSet<>();
                boolean finishedOne = false;
                for (TransactionListing listed : listed(admin, open.keySet())) {
                    if (IN_HAND.contains(listed.state())) {
                        inHand.add(listed.producerId());
                        if (finish(kafka, listed)) {
                            settled++;
                            finishedOne = true;
                        }
                    }
                }
                if (finishedOne) {
                    continue;
                }
                long now = System.nanoTime();
                Map<Long, List<Open>> hanging = new TreeMap<>();
                for (var producer : open.entrySet()) {
                    if (inHand.contains(producer.getKey())) {
                        unknownSince.remove(producer.getKey());
                    } else if (now - unknownSince.computeIfAbsent(producer.getKey(), id -> now) >= UNKNOWN_FOR.toNanos()) {
                        hanging.put(producer.getKey(), producer.getValue());
                    }
                }
                settled += abortHanging(admin, hanging);
                aborted.addAll(hanging.keySet());
                if (now > deadline) {
                    // A coordinator that holds a transaction and cannot finish it within a minute: leave it
                    // to the coordinator (start-up then says which store's restore waits for it).
                    log.warn("transactions still open after {}: {}", LOADING, open.keySet());
                    return settled;
                }
                // Not listed, or listed as complete: a coordinator still loading, or still writing markers.
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while looking for open transactions", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot look for transactions left open: " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    /** A transaction open on one partition: what describing the partition's producers says. */
    private record Open(TopicPartition partition, ProducerState producer) {
    }

    /** The transactions open on any partition of the broker, by producer id. */
    private static Map<Long, List<Open>> openTransactions(Admin admin) throws InterruptedException, ExecutionException {
        var topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
        List<TopicPartition> partitions = new ArrayList<>();
        for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get().values()) {
            topic.partitions().forEach(partition -> partitions.add(new TopicPartition(topic.name(),
                    partition.partition())));
        }
        Map<Long, List<Open>> open = new TreeMap<>();
        for (var partition : admin.describeProducers(partitions).all().get().entrySet()) {
            for (ProducerState producer : partition.getValue().activeProducers()) {
                if (producer.currentTransactionStartOffset().isPresent()) {
                    open.computeIfAbsent(producer.producerId(), id -> new ArrayList<>())
                            .add(new Open(partition.getKey(), producer));
                }
            }
        }
        return open;
    }

    /** What the coordinators say of these producers' transactions (none, while they load). */
    private static List<TransactionListing> listed(Admin admin, Set<Long> producerIds)
            throws InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + LOADING.toNanos();
        while (true) {
            try {
                return List.copyOf(admin.listTransactions(new ListTransactionsOptions().filterProducerIds(producerIds))
                        .all().get());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    /**
     * A producer under the transaction's id fences the dead one; {@code initTransactions()}
     * returns once the coordinator has completed that transaction (committed if it was being
     * committed, aborted otherwise) and written its markers everywhere.
     */
    private static boolean finish(KafkaAccess kafka, TransactionListing open) {
        Properties props = kafka.properties();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "preptrack-dangling-transactions");
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, open.transactionalId());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) LOADING.toMillis());
        try (var producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            log.warn("finished a transaction a stopped process left {} ({})", open.state() == TransactionState.ONGOING
                    ? "open: aborted" : "half way: completed", open.transactionalId());
            return true;
        } catch (KafkaException e) {
            log.warn("could not finish the transaction {} left {}: {}", open.transactionalId(), open.state(),
                    e.getMessage());
            return false;
        }
    }

    /** Aborts, on their partitions, the transactions open there that no coordinator counts them in. */
    private static int abortHanging(Admin admin, Map<Long, List<Open>> open) throws InterruptedException {
        int aborted = 0;
        for (List<Open> partitions : open.values()) {
            for (Open hanging : partitions) {
                if (abort(admin, hanging.partition(), hanging.producer())) {
                    log.warn("aborted a hanging transaction on {} (producer {}, from offset {})", hanging.partition(),
                            hanging.producer().producerId(), hanging.producer().currentTransactionStartOffset().getAsLong());
                    aborted++;
                }
            }
        }
        return aborted;
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
