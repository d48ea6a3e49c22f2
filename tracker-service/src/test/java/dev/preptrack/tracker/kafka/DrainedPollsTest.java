package dev.preptrack.tracker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When the writer may commit: once everything its polls handed out on this thread is processed. */
class DrainedPollsTest {

    private static final TopicPartition P0 = new TopicPartition("commands", 0);
    private static final TopicPartition P1 = new TopicPartition("commands", 1);

    private final DrainedPolls interceptor = new DrainedPolls();

    /** The state is the thread's, and JUnit runs these tests on one thread. */
    @AfterEach
    void forget() {
        DrainedPolls.closed(P0);
        DrainedPolls.closed(P1);
    }

    @Test
    void the_last_record_of_the_last_partition_processed_drains_the_poll() {
        interceptor.onConsume(polled(Map.of(P0, List.of(10L, 11L), P1, List.of(4L))));

        assertThat(DrainedPolls.processed(P0, 10)).isFalse();
        assertThat(DrainedPolls.processed(P1, 4)).isFalse();
        assertThat(DrainedPolls.processed(P0, 11)).isTrue();
    }

    @Test
    void a_closed_task_leaves_nothing_to_wait_for() {
        interceptor.onConsume(polled(Map.of(P0, List.of(7L), P1, List.of(8L))));
        DrainedPolls.closed(P1);

        assertThat(DrainedPolls.processed(P0, 7)).isTrue();
    }

    @Test
    void a_record_later_than_one_never_processed_covers_it() {
        interceptor.onConsume(polled(Map.of(P0, List.of(3L))));
        interceptor.onConsume(polled(Map.of(P0, List.of(4L, 5L))));

        assertThat(DrainedPolls.processed(P0, 4)).isFalse();
        assertThat(DrainedPolls.processed(P0, 5)).isTrue();
    }

    private static ConsumerRecords<byte[], byte[]> polled(Map<TopicPartition, List<Long>> offsets) {
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> records = new HashMap<>();
        offsets.forEach((partition, list) -> records.put(partition, list.stream()
                .map(offset -> new ConsumerRecord<byte[], byte[]>(partition.topic(), partition.partition(), offset, null, null))
                .toList()));
        return new ConsumerRecords<>(records, Map.of());
    }
}
