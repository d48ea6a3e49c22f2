package dev.preptrack.ui.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preptrack.backbone.RunningBackbone;
import dev.preptrack.projections.topology.CatchUp;
import dev.preptrack.schemas.SampleEvents;
import dev.preptrack.schemas.Subjects;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Caught up" on the real broker: a group is behind by every event appended before the mark
 * until its committed offsets reach the mark, and events appended after the mark do not move it.
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

            try (var catchUp = CatchUp.toEndOf(backbone.bootstrapServers(), Subjects.EVENTS_TOPIC, "g-catch-up")) {
                assertThat(catchUp.behind()).isEqualTo(events.size());

                producer.send(new ProducerRecord<>(Subjects.EVENTS_TOPIC, "cand-catch-up", events.get(0))).get();
                commit(backbone, "g-catch-up", partition, events.size() - 1);
                assertThat(catchUp.behind()).isEqualTo(1);

                commit(backbone, "g-catch-up", partition, events.size());
                assertThat(catchUp.behind()).isZero();
            }
        }
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
        var props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, backbone.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }
}
