package dev.preptrack.projections.topology;

import dev.preptrack.events.Envelope;
import dev.preptrack.projections.query.EventLog;
import dev.preptrack.schemas.Subjects;
import dev.preptrack.schemas.kafka.KafkaAccess;
import dev.preptrack.schemas.registry.SchemaRegistryException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One candidate's full history, read from the events topic: the partition their key hashes
 * to (Kafka's default partitioner), from the first offset to the current end, committed
 * records only. For exports ({@code GET /events}), whose subject is the log itself; each call
 * reads the partition afresh. ("As of" readiness reads {@code ReadinessTimeline}'s store instead.)
 * A poison record under the candidate's key (one the projections set aside on the dead-letter
 * topic: not an envelope, or a payload this build does not know) is left out of the history
 * rather than failing the whole export.
 */
public final class EventHistory implements EventLog {

    private static final Logger log = LoggerFactory.getLogger(EventHistory.class);

    private final KafkaAccess kafka;
    private final Deserializer<Envelope> events;

    public EventHistory(KafkaAccess kafka, Deserializer<Envelope> events) {
        this.kafka = kafka;
        this.events = events;
    }

    @Override
    public List<Envelope> of(String candidateId) {
        Properties props = kafka.properties();
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            int partitions = consumer.partitionsFor(Subjects.EVENTS_TOPIC).size();
            int partition = Utils.toPositive(Utils.murmur2(candidateId.getBytes(StandardCharsets.UTF_8))) % partitions;
            var topicPartition = new TopicPartition(Subjects.EVENTS_TOPIC, partition);
            consumer.assign(List.of(topicPartition));
            consumer.seekToBeginning(List.of(topicPartition));
            long end = consumer.endOffsets(List.of(topicPartition)).get(topicPartition);
            List<Envelope> history = new ArrayList<>();
            while (consumer.position(topicPartition) < end) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (candidateId.equals(record.key())) {
                        decoded(record).ifPresent(history::add);
                    }
                }
            }
            return history;
        }
    }

    private Optional<Envelope> decoded(ConsumerRecord<String, byte[]> record) {
        try {
            Envelope event = events.deserialize(record.topic(), record.headers(), record.value());
            if (event != null && event.getPayload() instanceof SpecificRecord) {
                return Optional.of(event);
            }
            log.warn("left {}-{}@{} out of an export: not an event this build knows (it is on the dead-letter topic)",
                    record.topic(), record.partition(), record.offset());
        } catch (SerializationException e) {
            if (SchemaRegistryException.unavailableIn(e)) {
                throw e;
            }
            log.warn("left {}-{}@{} out of an export: {} (it is on the dead-letter topic)", record.topic(),
                    record.partition(), record.offset(), e.getMessage());
        }
        return Optional.empty();
    }
}
