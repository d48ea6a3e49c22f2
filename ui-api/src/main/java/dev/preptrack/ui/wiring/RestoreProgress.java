package dev.preptrack.ui.wiring;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * How far a Streams application has come in restoring its state stores from their changelogs —
 * after a crash, exactly-once processing wipes stores it cannot trust and rebuilds them — so
 * that start-up and {@code /health} can say what they are waiting for instead of going quiet.
 */
public final class RestoreProgress implements StateRestoreListener {

    private record Partition(String store, TopicPartition changelog) {
    }

    private static final class Restoring {
        final long total;
        volatile long restored;

        Restoring(long total) {
            this.total = total;
        }
    }

    private final Map<Partition, Restoring> restoring = new ConcurrentHashMap<>();

    @Override
    public void onRestoreStart(TopicPartition changelog, String store, long startingOffset, long endingOffset) {
        restoring.put(new Partition(store, changelog), new Restoring(Math.max(0, endingOffset - startingOffset)));
    }

    @Override
    public void onBatchRestored(TopicPartition changelog, String store, long batchEndOffset, long numRestored) {
        Restoring partition = restoring.get(new Partition(store, changelog));
        if (partition != null) {
            partition.restored += numRestored;
        }
    }

    @Override
    public void onRestoreEnd(TopicPartition changelog, String store, long totalRestored) {
        restoring.remove(new Partition(store, changelog));
    }

    @Override
    public void onRestoreSuspended(TopicPartition changelog, String store, long totalRestored) {
        // The partition moved to another instance (or the app is closing); it is no longer ours to wait for.
        restoring.remove(new Partition(store, changelog));
    }

    /**
     * What is being restored, e.g. {@code restoring answered-commands, write-models: 1234 of 5000
     * records (24%)}; null when nothing is.
     */
    public String describe() {
        if (restoring.isEmpty()) {
            return null;
        }
        Map<String, long[]> byStore = new TreeMap<>();
        restoring.forEach((partition, progress) -> {
            long[] sums = byStore.computeIfAbsent(partition.store(), store -> new long[2]);
            sums[0] += Math.min(progress.restored, progress.total);
            sums[1] += progress.total;
        });
        long restored = byStore.values().stream().mapToLong(sums -> sums[0]).sum();
        long total = byStore.values().stream().mapToLong(sums -> sums[1]).sum();
        return "restoring " + String.join(", ", byStore.keySet()) + ": " + restored + " of " + total + " records ("
                + (total == 0 ? 100 : restored * 100 / total) + "%)";
    }
}
