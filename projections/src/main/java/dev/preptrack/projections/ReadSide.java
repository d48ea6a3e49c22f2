package dev.preptrack.projections;

import dev.preptrack.events.Envelope;
import dev.preptrack.projections.stories.StoryBank;
import dev.preptrack.schemas.Subjects;
import dev.preptrack.schemas.registry.SchemaRegistryClient;
import dev.preptrack.schemas.serde.SpecificAvroSerde;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The running projections of one process and the queries over their stores. A query may name
 * a position (a candidate's event sequence, as a write returned it); it then waits until the
 * projection has folded that far, or fails with {@link PositionNotReachedException} at the
 * deadline, so a read never presents stale data as current.
 *
 * <p>The folds skip events they have already applied, so at-least-once processing gives
 * exactly-once results without per-record transactions.
 */
public final class ReadSide implements AutoCloseable {

    public static final String APPLICATION_ID = "preptrack-projections-v1";

    private final KafkaStreams streams;

    private ReadSide(KafkaStreams streams) {
        this.streams = streams;
    }

    public static ReadSide start(Properties streamsSettings, SchemaRegistryClient registry) {
        var topology = StoryBank.build(Subjects.EVENTS_TOPIC, Serdes.String(),
                new SpecificAvroSerde<>(registry, Envelope.class),
                new SpecificAvroSerde<>(registry, CandidateStories.class));
        var props = new Properties();
        props.putAll(streamsSettings);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        // Reads wait on folded positions; a short commit interval keeps store and offsets close.
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        var streams = new KafkaStreams(topology, props);
        streams.start();
        return new ReadSide(streams);
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /**
     * The candidate's story bank, once the projection has folded at least {@code after}
     * (0 for "whatever is there now").
     */
    public Optional<CandidateStories> stories(String candidateId, long after, Duration deadline) {
        long until = System.nanoTime() + deadline.toNanos();
        long pause = 1;
        while (true) {
            CandidateStories stories = storiesNow(candidateId);
            long folded = stories == null ? 0 : stories.getSequence();
            if (folded >= after) {
                return Optional.ofNullable(stories);
            }
            if (System.nanoTime() > until) {
                throw new PositionNotReachedException(after, folded, deadline);
            }
            sleep(pause);
            pause = Math.min(pause * 2, 20);
        }
    }

    private CandidateStories storiesNow(String candidateId) {
        try {
            ReadOnlyKeyValueStore<String, CandidateStories> store = streams.store(
                    StoreQueryParameters.fromNameAndType(StoryBank.STORE, QueryableStoreTypes.keyValueStore()));
            return store.get(candidateId);
        } catch (InvalidStateStoreException rebalancingOrStarting) {
            // The store is briefly unavailable while partitions move; the caller's deadline bounds the wait.
            return null;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a position", e);
        }
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
    }

    /** A read asked for a position the projection has not reached within the deadline. */
    public static final class PositionNotReachedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public PositionNotReachedException(long wanted, long reached, Duration deadline) {
            super("the projection has applied position " + reached + " of this candidate, not yet " + wanted
                    + ", after waiting " + deadline.toMillis() + " ms; retry shortly");
        }
    }
}
