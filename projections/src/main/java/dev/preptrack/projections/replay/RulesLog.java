package dev.preptrack.projections.replay;

import dev.preptrack.rules.log.RulesCatalog;
import dev.preptrack.rules.log.RulesChange;
import dev.preptrack.rules.log.RulesChangeCodec;
import dev.preptrack.schemas.kafka.KafkaAccess;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules log on Kafka: a single-partition compacted topic of {@link RulesChange}s, read from its
 * first offset by every instance into the same {@link RulesCatalog}, and appended to with
 * {@code acks=all}. {@link #open} returns once the log has been read as far as it reached then, so
 * a process starts under the version that was active; a thread then follows the log and tells the
 * listeners of every change, from whichever instance it came.
 */
public final class RulesLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RulesLog.class);
    /**
     * How long a fetch waits on the broker for a record. Nothing is published for days on end; a
     * record that arrives ends the wait at once, so a long wait costs no latency, only idle wake-ups.
     */
    private static final int FETCH_WAIT_MS = 5_000;

    private final TopicPartition partition;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Consumer<RulesCatalog>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<RulesCatalog>> preparers = new CopyOnWriteArrayList<>();
    private final Thread follower;
    private final Object progress = new Object();
    private volatile RulesCatalog catalog;
    /** The next offset to read: every record below it is in {@link #catalog}. */
    private volatile long position;
    private volatile boolean closing;

    private RulesLog(KafkaAccess kafka, String topic, String shippedDocument) {
        this.partition = new TopicPartition(topic, 0);
        this.catalog = RulesCatalog.initial(shippedDocument);
        Properties consumerProps = kafka.properties();
        consumerProps.put(ConsumerConfig.CLIENT_ID_CONFIG, "preptrack-rules-log");
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProps.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, FETCH_WAIT_MS);
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new ByteArrayDeserializer());
        Properties producerProps = kafka.properties();
        producerProps.put(ProducerConfig.CLIENT_ID_CONFIG, "preptrack-rules-log");
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerProps.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        producerProps.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        // A send waits at most this long for metadata (the broker gone), not the default minute.
        producerProps.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        this.producer = new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer());
        this.follower = new Thread(this::follow, "preptrack-rules-log");
        this.follower.setDaemon(true);
    }

    /** Reads {@code topic} to its end, then follows it. Version 1 is {@code shippedDocument}. */
    public static RulesLog open(KafkaAccess kafka, String topic, String shippedDocument, Duration timeout) {
        var rulesLog = new RulesLog(kafka, topic, shippedDocument);
        try {
            rulesLog.consumer.assign(List.of(rulesLog.partition));
            rulesLog.consumer.seekToBeginning(List.of(rulesLog.partition));
            long end = rulesLog.consumer.endOffsets(List.of(rulesLog.partition), timeout).get(rulesLog.partition);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (rulesLog.position < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cannot read the rules log " + topic + " within " + timeout
                            + " (read " + rulesLog.position + " of " + end + " records)");
                }
                rulesLog.pollOnce(Duration.ofMillis(200));
            }
        } catch (RuntimeException e) {
            rulesLog.closeClients();
            throw e;
        }
        rulesLog.follower.start();
        return rulesLog;
    }

    public RulesCatalog catalog() {
        return catalog;
    }

    /** Tells {@code listener} the catalog after every change read from the log, on the log's thread. */
    public void onChange(Consumer<RulesCatalog> listener) {
        listeners.add(listener);
    }

    /**
     * Tells {@code listener} the catalog after a change read from the log before {@link #catalog()}
     * answers it, on the log's thread: what must hold by the time anyone can see the change (reads
     * switched before the catalog says "active") is done here. It must be quick.
     */
    public void beforeVisible(Consumer<RulesCatalog> listener) {
        preparers.add(listener);
    }

    /**
     * Appends {@code change} (durably: acknowledged by every in-sync replica) and returns the catalog
     * once this instance has read it back, so the caller sees what the change did (a publication's
     * version number, for one).
     */
    public RulesCatalog append(RulesChange change, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long offset;
        try {
            // Every record's key is its own, so compaction never drops or moves one: versions are
            // numbered by the log's order, which must stay the order they were published in, even
            // when a retried publication or another instance appends the same change again.
            offset = producer.send(new ProducerRecord<>(partition.topic(), 0, change.key() + "/" + UUID.randomUUID(),
                    RulesChangeCodec.encode(change))).get(timeout.toMillis(), TimeUnit.MILLISECONDS).offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RulesLogUnavailableException("interrupted while writing to the rules log", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new RulesLogUnavailableException("the rules log did not take the change: " + e, e);
        }
        synchronized (progress) {
            while (position <= offset) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new RulesLogUnavailableException("the change is in the rules log (offset " + offset
                            + ") but was not read back in time", null);
                }
                try {
                    progress.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RulesLogUnavailableException("interrupted while reading the rules log back", e);
                }
            }
            return catalog;
        }
    }

    private void follow() {
        while (!closing) {
            try {
                pollOnce(Duration.ofSeconds(30));
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (closing) {
                    return;
                }
                log.warn("reading the rules log failed, trying again: {}", e.toString());
                sleepQuietly();
            }
        }
    }

    private void pollOnce(Duration wait) {
        var records = consumer.poll(wait);
        RulesCatalog next = catalog;
        for (var record : records) {
            try {
                next = next.apply(RulesChangeCodec.decode(record.value()));
            } catch (RuntimeException e) {
                log.warn("skipping record {} of the rules log, which is not a rules change: {}", record.offset(),
                        e.getMessage());
            }
        }
        boolean changed = next != catalog;
        if (changed) {
            tell(preparers, next);
        }
        synchronized (progress) {
            catalog = next;
            position = consumer.position(partition);
            progress.notifyAll();
        }
        if (changed && follower.isAlive()) {
            tell(listeners, next);
        }
    }

    private static void tell(List<Consumer<RulesCatalog>> listeners, RulesCatalog next) {
        for (Consumer<RulesCatalog> listener : listeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                log.warn("a rules log listener failed: {}", e.toString());
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        try {
            follower.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeClients();
    }

    private void closeClients() {
        producer.close(Duration.ofSeconds(5));
        if (!follower.isAlive()) {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** The rules log could not be written, or what was written was not read back in time. */
    public static final class RulesLogUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RulesLogUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
