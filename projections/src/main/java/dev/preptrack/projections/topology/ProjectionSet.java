package dev.preptrack.projections.topology;

import dev.preptrack.events.Envelope;
import dev.preptrack.outputs.ReadinessSnapshot;
import dev.preptrack.outputs.ThemesSnapshot;
import dev.preptrack.projections.CandidateFeedback;
import dev.preptrack.projections.CandidateStories;
import dev.preptrack.projections.ReadinessEvidence;
import dev.preptrack.projections.feedback.FeedbackLogFold;
import dev.preptrack.projections.query.CandidateOwners;
import dev.preptrack.projections.query.ReadModels;
import dev.preptrack.projections.themes.ThemeClassifier;
import dev.preptrack.rules.Rules;
import dev.preptrack.schemas.Subjects;
import dev.preptrack.schemas.registry.SchemaRegistryClient;
import dev.preptrack.schemas.serde.SpecificAvroSerde;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/**
 * Every projection of one rules version, under one source over the events topic, started,
 * queried and stopped as a unit: the story history, readiness by section with its timeline for
 * "as of" answers, and the recurring feedback themes. Each projection is its own topology file;
 * this is the table of contents. A set has its own application id ({@link ProjectionSettings}),
 * so the set of another rules version can fold the log beside it.
 */
public final class ProjectionSet implements AutoCloseable {

    /** Raise when a projection is added or a fold or store changes shape; see {@link ProjectionSettings#applicationId}. */
    public static final int TOPOLOGY_VERSION = 15; // 15: a feedback log keeps the candidate's named themes; 14: rules v1 learns from the follow-up sets O and P too; 13: patterns ignore case for ASCII letters only (12: rules v1 learns from twelve writers)

    /** The serdes of the events, of each projection's store values and of what they publish. */
    public record Wiring(EventsSource events, Serde<CandidateStories> stories, Serde<ReadinessEvidence> readiness,
            Serde<CandidateFeedback> feedback, Serde<ReadinessSnapshot> readinessOut, Serde<ThemesSnapshot> themesOut) {

        /** Every serde over the registry, the events read from {@code eventsTopic}. */
        public static Wiring over(SchemaRegistryClient registry, String eventsTopic) {
            return new Wiring(new EventsSource(eventsTopic, Serdes.String(), new SpecificAvroSerde<>(registry, Envelope.class)),
                    new SpecificAvroSerde<>(registry, CandidateStories.class),
                    new SpecificAvroSerde<>(registry, ReadinessEvidence.class),
                    new SpecificAvroSerde<>(registry, CandidateFeedback.class),
                    new SpecificAvroSerde<>(registry, ReadinessSnapshot.class),
                    new SpecificAvroSerde<>(registry, ThemesSnapshot.class));
        }
    }

    public static Topology build(Wiring wiring, Rules rules) {
        return build(wiring, rules, OutputGate.opened());
    }

    /** The set, publishing only once {@code gate} is open (a rebuild's: see {@link OutputGate}). */
    public static Topology build(Wiring wiring, Rules rules, OutputGate gate) {
        EventsSource events = wiring.events();
        Topology topology = events.newTopology();
        String source = EventsSource.NAME;
        // The stores the read models answer from decode a value once for all their readers.
        StoryHistory.addTo(topology, source, events.keys(), SharedReads.of(wiring.stories()), rules, gate);
        // Indexed before the readiness fold sees the event, so the timeline is never behind the evidence.
        ReadinessTimeline.addTo(topology, source, events.keys(), events.events(), wiring.readiness(), rules);
        ReadinessBySection.addTo(topology, source, events.keys(), SharedReads.of(wiring.readiness()),
                wiring.readinessOut(), rules, gate);
        RecurringFeedbackThemes.addTo(topology, source, events.keys(), SharedReads.of(wiring.feedback()),
                wiring.themesOut(), rules, gate);
        return topology;
    }

    /** The compacted topics the set publishes to under {@code rules}, to be created before it starts. */
    public static List<String> outputTopics(Rules rules) {
        return outputTopics(rules.version());
    }

    public static List<String> outputTopics(int rulesVersion) {
        return List.of(Subjects.readinessTopic(rulesVersion), Subjects.themesTopic(rulesVersion),
                Subjects.storiesTopic(rulesVersion));
    }

    private final KafkaStreams streams;
    private final Rules rules;
    private final HostInfo self;
    private final String applicationId;
    private final java.nio.file.Path stateDir;

    private final OutputGate gate;

    private ProjectionSet(KafkaStreams streams, Rules rules, HostInfo self, String applicationId,
            java.nio.file.Path stateDir, OutputGate gate) {
        this.stateDir = stateDir;
        this.gate = gate;
        this.streams = streams;
        this.rules = rules;
        this.self = self;
        this.applicationId = applicationId;
    }

    /** The set's application id, which is also its consumer group. */
    public String applicationId() {
        return applicationId;
    }

    /**
     * Starts the set of {@code rules}' version under its usual application id.
     *
     * @param applicationServer {@code host:port} where this instance answers HTTP, so that other
     *     instances can send it queries for the candidates whose partitions it owns
     */
    public static ProjectionSet start(Properties streamsSettings, SchemaRegistryClient registry, Rules rules,
            String applicationServer) {
        return start(streamsSettings, registry, rules, applicationServer, ProjectionSettings.applicationId(rules), null,
                OutputGate.opened(), false);
    }

    /** As {@link #start(Properties, SchemaRegistryClient, Rules, String)}, telling {@code restores} how far the stores' restore has come. */
    public static ProjectionSet start(Properties streamsSettings, SchemaRegistryClient registry, Rules rules,
            String applicationServer, StateRestoreListener restores) {
        return start(streamsSettings, registry, rules, applicationServer, ProjectionSettings.applicationId(rules),
                restores, OutputGate.opened(), false);
    }

    /**
     * As above, publishing nothing until {@link #openOutputs()} when {@code gated} ({@link OutputGate});
     * a {@code rebuilding} set (a newly published rules version folding the log from the first event)
     * also commits less often ({@link ProjectionSettings#REBUILD_COMMIT_INTERVAL_MS}).
     */
    public static ProjectionSet start(Properties streamsSettings, SchemaRegistryClient registry, Rules rules,
            String applicationServer, StateRestoreListener restores, boolean gated, boolean rebuilding) {
        return start(streamsSettings, registry, rules, applicationServer, ProjectionSettings.applicationId(rules),
                restores, gated ? OutputGate.closed() : OutputGate.opened(), rebuilding);
    }

    /**
     * The set under its own {@code applicationId}: a new id has no committed offsets and no state,
     * so it folds the whole events topic from the first offset (a replay).
     */
    public static ProjectionSet start(Properties streamsSettings, SchemaRegistryClient registry, Rules rules,
            String applicationServer, String applicationId) {
        return start(streamsSettings, registry, rules, applicationServer, applicationId, null, OutputGate.opened(),
                false);
    }

    private static ProjectionSet start(Properties streamsSettings, SchemaRegistryClient registry, Rules rules,
            String applicationServer, String applicationId, StateRestoreListener restores, OutputGate gate,
            boolean rebuilding) {
        // A fold whose store value cannot be encoded would kill its stream thread: wait out a registry outage.
        var topology = build(Wiring.over(registry.patient(SchemaRegistryClient.BACKGROUND_PATIENCE),
                Subjects.EVENTS_TOPIC), rules, gate);
        var props = ProjectionSettings.of(streamsSettings, applicationId, applicationServer, rebuilding);
        // A learned model trains on first use (3-10 s on two cores): start that now, beside the stream threads'
        // start-up, rather than on the first feedback folded. A fold that gets there first waits for it.
        var model = new Thread(() -> ThemeClassifier.forRules(rules.themes()), "preptrack-themes-model");
        model.setDaemon(true);
        model.start();
        var streams = new KafkaStreams(topology, props);
        if (restores != null) {
            streams.setGlobalStateRestoreListener(restores);
        }
        streams.start();
        String stateDir = props.getProperty(org.apache.kafka.streams.StreamsConfig.STATE_DIR_CONFIG);
        return new ProjectionSet(streams, rules, HostInfo.buildFromEndpoint(applicationServer), applicationId,
                stateDir == null ? null : java.nio.file.Path.of(stateDir), gate);
    }

    /** The set publishes from now on: every candidate once, then every change (a rebuild that has caught up). */
    public void openOutputs() {
        gate.open();
    }

    public Rules rules() {
        return rules;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /**
     * Whether the set is running with every store of this instance restored: a set started over
     * stores a {@code replay.LogRebuild} filled answers nothing while it restores them, though its
     * committed offsets already stand at the rebuild's targets.
     */
    public boolean restored() {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return false;
        }
        try {
            // Streams reports a running active task's stores as not lagging, a restoring one's by its changelog.
            return streams.allLocalStorePartitionLags().values().stream().flatMap(lags -> lags.values().stream())
                    .allMatch(lag -> lag.offsetLag() == 0);
        } catch (org.apache.kafka.streams.errors.StreamsException | IllegalStateException e) {
            return false;
        }
    }

    /**
     * The theme classifier's answers this instance's feedback store kept for the candidates of one
     * events partition that {@code wanted} takes (see {@code FeedbackLogFold.classificationsIn});
     * none where this instance does not hold that partition or cannot read it now (a rebalance, a
     * restore): a rebuild then classifies those texts itself, to the same answers.
     */
    public Map<String, ThemeClassifier.Classification> classifications(int partition, Predicate<String> wanted) {
        Map<String, ThemeClassifier.Classification> known = new HashMap<>();
        try (KeyValueIterator<String, CandidateFeedback> all = streams.store(StoreQueryParameters.fromNameAndType(
                RecurringFeedbackThemes.STORE, QueryableStoreTypes.<String, CandidateFeedback>keyValueStore())
                .withPartition(partition)).all()) {
            all.forEachRemaining(entry -> {
                if (wanted.test(entry.key)) {
                    FeedbackLogFold.classificationsIn(entry.value, known);
                }
            });
        } catch (org.apache.kafka.streams.errors.InvalidStateStoreException | IllegalStateException notHere) {
            return Map.of();
        }
        return known;
    }

    /** The set's Kafka Streams application, for its metrics on {@code /metrics} (consumer lag: how far behind). */
    public KafkaStreams streams() {
        return streams;
    }

    /** The set's stores as read models, each query waiting up to {@code deadline} for the position it names. */
    public ReadModels readModels(Duration deadline) {
        return new StoreReadModels(streams, deadline, rules);
    }

    /** Which instance of the cohort holds a candidate's stores. */
    public CandidateOwners owners() {
        return new CandidateOwnership(streams, StoryHistory.STORE, self);
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
    }

    /**
     * Closes the set for good, its version retired: leaves the consumer group at once (a static
     * member would otherwise hold it for a session timeout, and a group with members cannot be
     * deleted) and deletes its state directory on this machine.
     */
    public void closeAndDeleteState() {
        streams.close(org.apache.kafka.streams.CloseOptions.groupMembershipOperation(
                org.apache.kafka.streams.CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
        streams.cleanUp();
        // cleanUp keeps the application's directory and its process id file; nothing of it is needed any more.
        deleteState(stateDir, applicationId);
    }

    /** Deletes what a set under {@code applicationId} kept in {@code stateDir}; it must not be running. */
    public static void deleteState(java.nio.file.Path stateDir, String applicationId) {
        if (stateDir == null) {
            return;
        }
        java.nio.file.Path dir = stateDir.resolve(applicationId);
        if (!java.nio.file.Files.exists(dir)) {
            return;
        }
        try (var paths = java.nio.file.Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (java.io.IOException e) {
            org.slf4j.LoggerFactory.getLogger(ProjectionSet.class).warn("cannot delete {}: {}", dir, e.toString());
        }
    }
}
