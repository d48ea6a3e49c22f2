package dev.preptrack.projections;

import dev.preptrack.events.Envelope;
import dev.preptrack.projections.readiness.CandidateEvidence;
import dev.preptrack.projections.readiness.EvidenceCodec;
import dev.preptrack.projections.readiness.ReadinessFold;
import dev.preptrack.projections.readiness.ReadinessProjection;
import dev.preptrack.projections.readiness.ReadinessReport;
import dev.preptrack.projections.stories.StoryBank;
import dev.preptrack.outputs.ReadinessSnapshot;
import dev.preptrack.outputs.ThemesSnapshot;
import dev.preptrack.projections.themes.ThemeClassifier;
import dev.preptrack.projections.themes.ThemesReport;
import dev.preptrack.rules.Rules;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import dev.preptrack.schemas.Subjects;
import dev.preptrack.schemas.registry.SchemaRegistryClient;
import dev.preptrack.schemas.serde.SpecificAvroSerde;
import java.time.Duration;
import java.time.Instant;
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

    /**
     * The projections' application id names the rules version and the topology's shape, so a
     * build that adds or changes a projection folds the log from the first event into fresh
     * stores instead of resuming old offsets with a store that never saw the early events.
     */
    public static String applicationId(Rules rules) {
        return "preptrack-projections-r" + rules.version() + "-t" + Projections.TOPOLOGY_VERSION;
    }

    private final KafkaStreams streams;
    private final EventHistory history;
    private final Rules rules;
    private final HostInfo self;
    private final ThemeClassifier classifier;

    private ReadSide(KafkaStreams streams, EventHistory history, Rules rules, HostInfo self) {
        this.self = self;
        this.streams = streams;
        this.history = history;
        this.rules = rules;
        this.classifier = ThemeClassifier.forRules(rules.themes());
    }

    public Rules rules() {
        return rules;
    }

    /** Why a text has the themes it has under these rules (the clause and pattern for each). */
    public ThemeClassifier.Classification explainThemes(String text) {
        return classifier.classify(text);
    }

    /**
     * @param applicationServer {@code host:port} where this instance answers HTTP, so that other
     *     instances can send it queries for the candidates whose partitions it owns
     */
    public static ReadSide start(Properties streamsSettings, SchemaRegistryClient registry, Rules rules,
            String applicationServer) {
        return start(streamsSettings, registry, rules, applicationServer, applicationId(rules));
    }

    /**
     * The projections under their own {@code applicationId}: a new id has no committed offsets
     * and no state, so it folds the whole events topic from the first offset (a replay).
     */
    public static ReadSide start(Properties streamsSettings, SchemaRegistryClient registry, Rules rules,
            String applicationServer, String applicationId) {
        var events = new SpecificAvroSerde<>(registry, Envelope.class);
        var topology = Projections.build(new Projections.Wiring(Subjects.EVENTS_TOPIC, Serdes.String(), events,
                new SpecificAvroSerde<>(registry, CandidateStories.class),
                new SpecificAvroSerde<>(registry, ReadinessEvidence.class),
                new SpecificAvroSerde<>(registry, CandidateFeedback.class),
                new SpecificAvroSerde<>(registry, ReadinessSnapshot.class),
                new SpecificAvroSerde<>(registry, ThemesSnapshot.class)), rules);
        var props = new Properties();
        props.putAll(streamsSettings);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        // Reads wait on folded positions; a short commit interval keeps store and offsets close.
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        var streams = new KafkaStreams(topology, props);
        streams.start();
        return new ReadSide(streams, new EventHistory(props.getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG),
                events.deserializer()), rules, HostInfo.buildFromEndpoint(applicationServer));
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /**
     * The candidate's story bank, once the projection has folded at least {@code after}
     * (0 for "whatever is there now").
     */
    public Optional<CandidateStories> stories(String candidateId, long after, Duration deadline) {
        return Optional.ofNullable(await(StoryBank.STORE, candidateId, after, deadline, CandidateStories::getSequence));
    }

    /**
     * The candidate's readiness at {@code asOf}, once the projection has folded at least
     * {@code after}. At or after the candidate's latest event the stored evidence is evaluated
     * as it stands; for an earlier date, the same fold runs again over the events that had
     * happened by then, read from the log.
     */
    public ReadinessReport readiness(String candidateId, String rubric, Instant asOf, long after, Duration deadline) {
        ReadinessEvidence stored = await(ReadinessProjection.STORE, candidateId, after, deadline,
                ReadinessEvidence::getSequence);
        CandidateEvidence evidence = EvidenceCodec.fromRecord(stored);
        if (stored != null && asOf.isBefore(evidence.latestEventTime())) {
            evidence = CandidateEvidence.NONE;
            for (Envelope event : history.of(candidateId)) {
                if (!event.getOccurredAt().isAfter(asOf)) {
                    evidence = ReadinessFold.apply(evidence, event, rules);
                }
            }
        }
        return ReadinessReport.of(evidence, rules, asOf, rubric);
    }

    /** The candidate's feedback items, once the projection has folded at least {@code after}. */
    public Optional<CandidateFeedback> feedback(String candidateId, long after, Duration deadline) {
        return Optional.ofNullable(await(Projections.FEEDBACK_STORE, candidateId, after, deadline,
                CandidateFeedback::getSequence));
    }

    /** The candidate's feedback themes as of {@code now}, once the projection has folded at least {@code after}. */
    public ThemesReport themes(String candidateId, Instant now, long after, Duration deadline) {
        return ThemesReport.of(feedback(candidateId, after, deadline).orElse(null), rules.themes(), now);
    }

    /**
     * Where the candidate's projections live when another instance owns their partition
     * ({@code host:port}); empty when this instance owns it or runs alone.
     *
     * @throws OwnerUnknownException while partitions are being (re)assigned
     */
    public Optional<String> ownerElsewhere(String candidateId) {
        KeyQueryMetadata metadata = streams.queryMetadataForKey(StoryBank.STORE, candidateId,
                Serdes.String().serializer());
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            throw new OwnerUnknownException(candidateId);
        }
        HostInfo owner = metadata.activeHost();
        return owner.equals(self) ? Optional.empty() : Optional.of(owner.host() + ":" + owner.port());
    }

    /** No instance is known to own a candidate's partition yet (starting or rebalancing). */
    public static final class OwnerUnknownException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OwnerUnknownException(String candidateId) {
            super("the projections are being assigned to instances; no owner of '" + candidateId + "' yet");
        }
    }

    /** The candidate's whole history, in the order it was appended. */
    public java.util.List<Envelope> events(String candidateId) {
        return history.of(candidateId);
    }

    private <V> V await(String storeName, String candidateId, long after, Duration deadline,
            java.util.function.ToLongFunction<V> sequenceOf) {
        long until = System.nanoTime() + deadline.toNanos();
        long pause = 1;
        while (true) {
            V value = current(storeName, candidateId);
            long folded = value == null ? 0 : sequenceOf.applyAsLong(value);
            if (folded >= after) {
                return value;
            }
            if (System.nanoTime() > until) {
                throw new PositionNotReachedException(after, folded, deadline);
            }
            sleep(pause);
            pause = Math.min(pause * 2, 20);
        }
    }

    private <V> V current(String storeName, String candidateId) {
        try {
            ReadOnlyKeyValueStore<String, V> store = streams.store(
                    StoreQueryParameters.fromNameAndType(storeName, QueryableStoreTypes.keyValueStore()));
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
