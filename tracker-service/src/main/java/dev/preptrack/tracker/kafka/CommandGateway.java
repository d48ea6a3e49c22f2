package dev.preptrack.tracker.kafka;

import dev.preptrack.schemas.kafka.KafkaAccess;
import dev.preptrack.tracker.app.CommandBus;
import dev.preptrack.tracker.app.WriteUnavailableException;
import dev.preptrack.tracker.domain.Command;
import dev.preptrack.tracker.domain.CommandDecider;
import dev.preptrack.tracker.domain.CommandResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a request reaches the candidate's single writer and learns its fate: the command is
 * written to the commands topic ({@code acks=all}, idempotent), and the caller waits for the
 * writer's result, read with {@code read_committed} from the results topic, so a result seen
 * here means the command's events are committed. Every process reads every result partition
 * (no consumer group), so whichever process took a request hears its answer.
 */
public final class CommandGateway implements CommandBus, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CommandGateway.class);
    /**
     * How long the idle result listener's fetch is parked at the broker, and its poll; well inside
     * the consumer's 30 s request timeout. close() wakes the poll, so stopping does not wait on it.
     */
    private static final int IDLE_WAIT_MS = 10_000;

    private final String commandsTopic;
    private final KafkaProducer<String, dev.preptrack.commands.Command> producer;
    private final KafkaConsumer<String, dev.preptrack.commands.CommandResult> results;
    private final Map<String, InFlight> pending = new ConcurrentHashMap<>();

    private record InFlight(String fingerprint, CompletableFuture<CommandResult> answer) {
    }
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread listener;

    public CommandGateway(KafkaAccess kafka, String commandsTopic, String resultsTopic,
            Serde<dev.preptrack.commands.Command> commands, Serde<dev.preptrack.commands.CommandResult> commandResults, Duration sendTimeout) {
        this.commandsTopic = commandsTopic;
        Properties producerProps = kafka.properties();
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producerProps.put(ProducerConfig.CLIENT_ID_CONFIG, "preptrack-command-gateway");
        // A write must fail fast (and be answered 503) when Kafka cannot take it, never hang.
        producerProps.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) sendTimeout.toMillis());
        producerProps.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) sendTimeout.toMillis());
        producerProps.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) sendTimeout.toMillis());
        this.producer = new KafkaProducer<>(producerProps, new StringSerializer(), commands.serializer());

        Properties consumerProps = kafka.properties();
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProps.put(ConsumerConfig.CLIENT_ID_CONFIG, "preptrack-command-results");
        // A parked fetch is answered as soon as the writer's transaction commits (the broker
        // completes it when the stable offset moves), so the wait bounds only how often an idle
        // listener asks again: Kafka's 500 ms made it two requests a second for nothing. Its
        // partitions are assigned once and never change, so no new partition waits on a parked fetch.
        consumerProps.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, IDLE_WAIT_MS);
        this.results = new KafkaConsumer<>(consumerProps, new StringDeserializer(), commandResults.deserializer());
        List<TopicPartition> partitions = results.partitionsFor(resultsTopic).stream()
                .map(info -> new TopicPartition(resultsTopic, info.partition())).toList();
        results.assign(partitions);
        results.seekToEnd(partitions);
        // Resolve the end offsets now, before any command is sent, so no answer can be missed.
        partitions.forEach(results::position);
        this.listener = new Thread(this::listen, "preptrack-command-results");
        listener.setDaemon(true);
        listener.start();
    }

    /**
     * Sends the command and completes with the writer's result. Completes exceptionally when
     * Kafka does not acknowledge the command; the caller bounds the wait for the result.
     */
    @Override
    public CompletableFuture<CommandResult> submit(Command command) {
        CompletableFuture<CommandResult> answer = new CompletableFuture<>();
        var mine = new InFlight(command.fingerprint(), answer);
        InFlight waiting = pending.putIfAbsent(key(command.candidateId(), command.commandId()), mine);
        if (waiting != null) {
            if (!waiting.fingerprint().equals(command.fingerprint())) {
                return CompletableFuture.completedFuture(CommandDecider.keyReused(command));
            }
            // The same command is already in flight (a client retrying early): this request did not
            // cause the write, so its answer is the first one marked as a replay.
            return waiting.answer().thenApply(first -> first instanceof CommandResult.Accepted accepted ? accepted.asReplay()
                    : first);
        }
        answer.whenComplete((result, error) -> pending.remove(key(command.candidateId(), command.commandId()), mine));
        try {
            producer.send(new ProducerRecord<>(commandsTopic, command.candidateId(), CommandCodec.encode(command)), (metadata, error) -> {
                if (error != null) {
                    answer.completeExceptionally(new WriteUnavailableException("Kafka did not accept the command: "
                            + error.getMessage(), error));
                }
            });
        } catch (RuntimeException e) {
            answer.completeExceptionally(new WriteUnavailableException("cannot send the command: " + e.getMessage(), e));
        }
        return answer;
    }

    @Override
    public void cancel(String candidateId, String commandId) {
        InFlight inFlight = pending.remove(key(candidateId, commandId));
        if (inFlight != null) {
            inFlight.answer().cancel(false);
        }
    }

    /** Command ids are the clients' idempotency keys, unique per candidate only. */
    private static String key(String candidateId, String commandId) {
        return candidateId + '\u0000' + commandId;
    }

    private void listen() {
        try {
            while (running.get()) {
                for (ConsumerRecord<String, dev.preptrack.commands.CommandResult> record : results.poll(Duration.ofMillis(IDLE_WAIT_MS))) {
                    InFlight inFlight = pending.get(key(record.value().getCandidateId(), record.value().getCommandId()));
                    if (inFlight != null) {
                        inFlight.answer().complete(CommandCodec.decode(record.value()));
                    }
                }
            }
        } catch (WakeupException stopping) {
            // close() wakes the consumer to end the loop.
        } catch (RuntimeException e) {
            log.error("the command result listener stopped; writes will time out until restart", e);
        } finally {
            results.close(Duration.ofSeconds(2));
        }
    }

    @Override
    public void close() {
        running.set(false);
        results.wakeup();
        try {
            listener.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
        pending.values().forEach(inFlight -> inFlight.answer().completeExceptionally(
                new WriteUnavailableException("preptrack is shutting down", null)));
    }
}
