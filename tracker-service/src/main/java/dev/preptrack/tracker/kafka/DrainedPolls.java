package dev.preptrack.tracker.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Tells the writer when it has processed every command its consumer's polls have handed out, so
 * that one transaction covers all the commands that were waiting (one set of fsyncs for many
 * writes) and none waits for a timer.
 *
 * <p>Why: Kafka Streams commits on a timer or when a processor asks. With {@code
 * commit.interval.ms=0} it commits after every pass of its processing loop, and a pass takes one
 * record per task, so 32 waiting writes cost up to 32 transactions, each a round of appends, markers and fsyncs over every partition
 * it touched (docs/benchmarks.md, "Write path: one writer transaction per drained poll"). With a
 * longer interval a batch's last commit waits for the next poll to return, up to {@code poll.ms}
 * while nothing else arrives. What Streams lacks is "commit when the buffer runs dry"; this
 * interceptor on the main consumer, which sees every poll, tells the processor when its record
 * is the last one handed out, and the processor asks ({@code ProcessorContext.commit()}).
 *
 * <p>The consumer's interceptor and the processor run on the same stream thread, so the state is
 * per thread and needs no locks. A record Streams handed out but never processed (a task closed
 * with records buffered) is forgotten when its task closes; a later record of its partition also
 * covers it, since a partition's records are processed in offset order.
 */
public final class DrainedPolls implements ConsumerInterceptor<byte[], byte[]> {

    /** Per stream thread: the last offset handed out and not yet processed, per partition. */
    private static final ThreadLocal<Map<TopicPartition, Long>> UNPROCESSED = ThreadLocal.withInitial(HashMap::new);

    @Override
    public ConsumerRecords<byte[], byte[]> onConsume(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, Long> unprocessed = UNPROCESSED.get();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> handedOut = records.records(partition);
            unprocessed.merge(partition, handedOut.get(handedOut.size() - 1).offset(), Math::max);
        }
        return records;
    }

    /**
     * Called by the processor, on its stream thread, for each record it has processed.
     *
     * @return whether nothing handed out to this thread is left unprocessed: time to commit
     */
    static boolean processed(TopicPartition partition, long offset) {
        Map<TopicPartition, Long> unprocessed = UNPROCESSED.get();
        Long last = unprocessed.get(partition);
        if (last != null && offset >= last) {
            unprocessed.remove(partition);
        }
        return unprocessed.isEmpty();
    }

    /** The partition's task closed on this thread: what it had buffered will not be processed here. */
    static void closed(TopicPartition partition) {
        UNPROCESSED.get().remove(partition);
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        // Exactly-once commits offsets through the producer's transaction; nothing to track here.
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
