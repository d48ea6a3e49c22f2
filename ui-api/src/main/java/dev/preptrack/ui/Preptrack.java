package dev.preptrack.ui;

import dev.preptrack.backbone.EmbeddedBackbone;
import dev.preptrack.backbone.kafka.BackboneTopics;
import dev.preptrack.backbone.kafka.DanglingTransactions;
import dev.preptrack.backbone.registry.SchemaRegistryApi;
import dev.preptrack.backbone.registry.SchemaRegistryStore;
import dev.preptrack.projections.query.ReadQueries;
import dev.preptrack.projections.replay.LogRebuild;
import dev.preptrack.projections.replay.RulesLog;
import dev.preptrack.projections.themes.ThemeClassifier;
import dev.preptrack.projections.topology.CatchUp;
import dev.preptrack.projections.topology.EventHistory;
import dev.preptrack.projections.topology.ProjectionSet;
import dev.preptrack.rules.RulesLoader;
import dev.preptrack.schemas.Subjects;
import dev.preptrack.schemas.kafka.KafkaAccess;
import dev.preptrack.schemas.registry.SchemaRegistryClient;
import dev.preptrack.schemas.registry.SchemaRegistryException;
import dev.preptrack.schemas.serde.SpecificAvroSerde;
import dev.preptrack.tracker.app.WriteCommands;
import dev.preptrack.tracker.domain.CommandDecider;
import dev.preptrack.tracker.kafka.WriteSide;
import dev.preptrack.ui.config.ApiToken;
import dev.preptrack.ui.config.PreptrackConfig;
import dev.preptrack.ui.http.Backends;
import dev.preptrack.ui.http.Health;
import dev.preptrack.ui.http.PreptrackApp;
import dev.preptrack.ui.wiring.DeadLetterMonitor;
import dev.preptrack.ui.wiring.DiskReserve;
import dev.preptrack.ui.wiring.ProjectionVersions;
import dev.preptrack.ui.wiring.RestoreProgress;
import dev.preptrack.ui.wiring.StreamsSettings;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: wires one preptrack process from its configuration. Embedded (the
 * default), it starts the broker and registry in this JVM under {@code PREPTRACK_HOME};
 * pointed at an external cluster and registry, it embeds nothing and only makes sure its
 * topics exist and its schemas are registered there.
 *
 * <p>HTTP comes up first so that {@code /health} answers 503 while the rest starts.
 */
public final class Preptrack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Preptrack.class);
    private static final Duration BROKER_START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration RULES_LOG_TIMEOUT = Duration.ofSeconds(60);

    static final String KAFKA = "kafka";
    static final String SCHEMA_REGISTRY = "schemaRegistry";
    static final String SCHEMAS = "eventSchemas";
    static final String COMMAND_PROCESSOR = "commandProcessor";
    static final String PROJECTIONS = "projections";
    /** The routes have what they serve: up only once start-up is done, so "healthy" means writes and reads answer. */
    static final String API = "api";
    /** Room on PREPTRACK_HOME's disk: DOWN while writes are refused for want of it. */
    static final String DISK = "disk";
    /** How often start-up says how far it has come while it waits for the stores or the log. */
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(3);

    private final PreptrackConfig config;
    private final FileLock homeLock;
    private final ApiToken token;
    private final Health health = new Health(KAFKA, SCHEMA_REGISTRY, SCHEMAS, COMMAND_PROCESSOR, PROJECTIONS, API,
            DISK);
    private final Backends backends = new Backends();
    private final PrometheusMeterRegistry metrics = meters();
    /** Poison records set aside by the writer or the projections: counted in /metrics, shown in /health. */
    private final DeadLetterMonitor deadLetters = new DeadLetterMonitor(metrics, Clock.systemUTC(), Subjects.EVENTS_TOPIC);
    private final AtomicReference<SchemaRegistryStore> registryStore = new AtomicReference<>();
    private final PreptrackApp app;
    private final DiskReserve disk;
    private EmbeddedBackbone backbone;
    private WriteSide writeSide;
    private final List<KafkaStreamsMetrics> streamsMetrics = new java.util.ArrayList<>();
    /** The active rules version's projection set; another once reads switch. */
    private volatile ProjectionSet projections;
    private RulesLog rulesLog;
    private ProjectionVersions versions;
    /** The active rules version's decider, which the writer asks per command. */
    private final AtomicReference<CommandDecider> decider = new AtomicReference<>();
    private CatchUp catchUp;
    private final Consumer<String> progress;
    private volatile ReadQueries reads;
    private KafkaAccess kafka;
    private String registryUrl;
    private short replication;
    /** The backbone's topics as provisioned (partitioned like the log). */
    private BackboneTopics topics;

    private Preptrack(PreptrackConfig config, FileLock homeLock, Consumer<String> progress) {
        this.config = config;
        this.progress = progress;
        this.homeLock = homeLock;
        this.token = ApiToken.load(config);
        this.disk = DiskReserve.on(config.home(), config.diskReserveBytes());
        health.watch(DISK, () -> disk.low() ? Health.State.DOWN : Health.State.UP, disk::describe);
        Optional<SchemaRegistryApi> registryApi = config.embedded()
                ? Optional.of(new SchemaRegistryApi(() -> Optional.ofNullable(registryStore.get())))
                : Optional.empty();
        health.inform("deadLetters", deadLetters::report);
        this.app = new PreptrackApp(health, token, registryApi, backends, PreptrackApp.Timeouts.DEFAULTS,
                config.httpHost(), metrics);
    }

    /** Starts everything and returns once healthy; fails with a message a person can act on. */
    public static Preptrack start(PreptrackConfig config) {
        return start(config, line -> { });
    }

    /**
     * As {@link #start(PreptrackConfig)}, telling {@code progress} what start-up is waiting for
     * while it waits (a restore after a crash, the projections catching up with the log).
     */
    public static Preptrack start(PreptrackConfig config, Consumer<String> progress) {
        var preptrack = new Preptrack(config, lockHome(config), progress);
        try {
            preptrack.startAll();
            preptrack.token.persist();
            return preptrack;
        } catch (RuntimeException e) {
            preptrack.close();
            throw e;
        }
    }

    private void startAll() {
        try {
            app.start(config.port());
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot serve HTTP on " + config.httpHost() + ":" + config.port()
                    + " (is another program using it? set PREPTRACK_PORT or --port): " + rootMessage(e), e);
        }
        if (config.embedded()) {
            replication = config.replicationFactor().orElse((short) 1);
            backbone = EmbeddedBackbone.start(config.home(), config.kafkaPort(),
                    new BackboneTopics(config.eventPartitions(), replication), BROKER_START_TIMEOUT, config.fsync());
            kafka = backbone.kafka();
            topics = backbone.topics();
            // Before any store is restored or any log read: what a killed process left open would
            // otherwise hold a changelog's stable offset back, and its restore, forever.
            DanglingTransactions.settleAll(kafka);
            registryStore.set(backbone.registry());
            registryUrl = "http://127.0.0.1:" + app.port() + PreptrackApp.REGISTRY_PREFIX;
        } else {
            kafka = config.kafka().orElseThrow();
            registryUrl = config.schemaRegistryUrl().orElseThrow();
            replication = externalReplication();
            topics = EmbeddedBackbone.provision(kafka, new BackboneTopics(config.eventPartitions(), replication));
        }
        health.endpoints(kafka, config.embedded() ? backbone.clientSettings() : null, registryUrl);
        health.set(KAFKA, Health.State.UP, null);
        health.set(SCHEMA_REGISTRY, Health.State.UP, null);
        registerSchemas();
        health.set(SCHEMAS, Health.State.UP, null);
        startProcessing();
    }

    /**
     * The client preptrack's own serdes register and look schemas up with: with the API token as
     * basic credentials on the embedded registry, which takes no write without it, and with
     * {@code PREPTRACK_SCHEMA_REGISTRY_USER_INFO} on an external one that asks for some.
     */
    private SchemaRegistryClient registryClient() {
        var builder = SchemaRegistryClient.builder(registryUrl);
        if (config.embedded()) {
            builder.basicAuth("preptrack:" + token.value());
        } else {
            config.schemaRegistryUserInfo().ifPresent(builder::basicAuth);
        }
        return builder.build();
    }

    /**
     * Of Kafka's own metrics, the few a person watches: how far each consumer is behind the log,
     * how fast the stream threads process and commit, and send errors. All of them (some 6,000
     * series, per task and store) made a scrape 1.4 MB and a third of a second of CPU.
     */
    static final Set<String> KAFKA_METRICS_KEPT = Set.of("kafka.consumer.fetch.manager.records.lag",
            "kafka.consumer.fetch.manager.records.lag.max", "kafka.stream.thread.process.rate",
            "kafka.stream.thread.process.total", "kafka.stream.thread.commit.latency.avg",
            "kafka.stream.alive.stream.threads", "kafka.producer.record.error.total");

    private static PrometheusMeterRegistry meters() {
        var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(io.micrometer.core.instrument.config.MeterFilter.deny(
                id -> id.getName().startsWith("kafka.") && !KAFKA_METRICS_KEPT.contains(id.getName())));
        // The folds' dearest step: a rebuild under unchanged theme definitions should add (almost) none.
        io.micrometer.core.instrument.FunctionCounter.builder("preptrack.themes.classified", ThemeClassifier.class,
                ignored -> ThemeClassifier.computedEverywhere())
                .description("feedback texts classified (not answered from memory or from a set's kept answers)")
                .register(registry);
        return registry;
    }

    /**
     * The single writer and the projections, each a Kafka Streams application: one projection set
     * per live rules version ({@link ProjectionVersions}, following the rules log), reads answered
     * by the active one's.
     */
    private void startProcessing() {
        var registry = registryClient();
        // The themes model trained at the first start is read back at every later one (seconds saved at start-up).
        ThemeClassifier.keepModelsIn(config.home().resolve("models"));
        var settings = new StreamsSettings(kafka, config.home().resolve("state"), replication,
                BackboneTopics.DEAD_LETTERS_TOPIC, instanceId());
        var writerRestore = new RestoreProgress();
        var projectionsRestore = new RestoreProgress();
        rulesLog = RulesLog.open(kafka, BackboneTopics.RULES_TOPIC, RulesLoader.shippedDocument(), RULES_LOG_TIMEOUT);
        String self = config.httpHost() + ":" + app.port();
        versions = new ProjectionVersions(rulesLog, kafka, (rules, gated, rebuilding) -> {
            EmbeddedBackbone.provision(kafka,
                    ProjectionSet.outputTopics(rules).stream().map(topics::projectionOutput).toList());
            return ProjectionSet.start(settings.common(deadLetters), registry, rules, self, projectionsRestore,
                    gated, rebuilding);
        }, (rules, applicationId, targets, known) -> new LogRebuild(kafka, ProjectionSet.Wiring.over(
                registry.patient(SchemaRegistryClient.BACKGROUND_PATIENCE), Subjects.EVENTS_TOPIC), rules,
                applicationId, targets, replication, known), set -> reads(set, registry), metrics, Clock.systemUTC(),
                config.home().resolve("state"));
        projections = versions.startSets();
        var rules = versions.activeRules();
        decider.set(new CommandDecider(rules));
        writeSide = WriteSide.start(settings.common(deadLetters), registry, decider::get, Duration.ofSeconds(5),
                writerRestore);
        // The log's end now is what "caught up" means: a read right after a restart must see every
        // write acknowledged before it.
        catchUp = CatchUp.toEndOf(kafka, Subjects.EVENTS_TOPIC, projections.applicationId());
        health.watch(COMMAND_PROCESSOR, () -> streamsHealth(writeSide.state()), writerRestore::describe);
        health.watch(PROJECTIONS, this::projectionsHealth, () -> projectionsProgress(projectionsRestore));
        health.inform("rules", this::rulesReport);
        // Kafka Streams' own metrics, the consumers' lag among them (how far each is behind the log).
        streamsMetrics.add(new KafkaStreamsMetrics(writeSide.streams(), List.of(Tag.of("application", "writer"))));
        streamsMetrics.forEach(binder -> binder.bindTo(metrics));
        awaitRunning(COMMAND_PROCESSOR, writeSide::state, writerRestore::describe);
        awaitRunning(PROJECTIONS, projections::state, () -> projectionsProgress(projectionsRestore));
        awaitCaughtUp();
        reads = versions.activeReads();
        backends.ready(new WriteCommands(writeSide.gateway(), Clock.systemUTC(),
                PreptrackApp.Timeouts.DEFAULTS.writeResult(), disk), reads, versions);
        // From here on a published version rebuilds beside this one and, caught up, takes over
        // reads and the writer's checks at once.
        versions.follow((next, set, nextReads) -> {
            decider.set(new CommandDecider(next));
            projections = set;
            reads = nextReads;
            backends.switchReads(nextReads);
        });
        // Kafka Streams may pass through RUNNING and rebalance again right after a restart, so the
        // components' states alone could say UP while the routes still answer "starting".
        health.set(API, Health.State.UP, null);
    }

    /** {@code /health}'s word on the rules: which version answers, and any rebuild under way. */
    private Map<String, Object> rulesReport() {
        var catalog = versions.catalog();
        Map<String, Object> report = new java.util.LinkedHashMap<>();
        report.put("active", catalog.active());
        catalog.rebuilding().ifPresent(rebuilding -> {
            report.put("rebuilding", rebuilding.version());
            versions.progress(rebuilding.version()).ifPresent(reading -> report.put("progress",
                    reading.processed() + " of " + reading.total() + " events"));
        });
        return report;
    }

    /** The read use cases over a projection set's stores, the log (for exports) and the wall clock. */
    private ReadQueries reads(ProjectionSet set, SchemaRegistryClient registry) {
        var log = new EventHistory(kafka,
                new SpecificAvroSerde<>(registry, dev.preptrack.events.Envelope.class).deserializer());
        return ReadQueries.over(set.readModels(PreptrackApp.Timeouts.DEFAULTS.readPosition()), set.owners(), log,
                set.rules(), Clock.systemUTC());
    }

    /** This installation's id, created once in PREPTRACK_HOME; names it in consumer groups. */
    private String instanceId() {
        var file = config.home().resolve("instance-id");
        try {
            if (!Files.exists(file)) {
                Files.writeString(file, "preptrack-" + java.util.UUID.randomUUID() + "\n");
            }
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    /** Up once running and caught up to the log's end as it was at start. */
    private Health.State projectionsHealth() {
        Health.State streams = streamsHealth(projections.state());
        return streams == Health.State.UP && catchUp.behind() > 0 ? Health.State.STARTING : streams;
    }

    private String projectionsProgress(RestoreProgress restore) {
        String restoring = restore.describe();
        return restoring != null ? restoring : catchingUp();
    }

    /** How far the projections are behind the log's end at start; null once caught up. */
    private String catchingUp() {
        long behind = catchUp == null ? 0 : catchUp.behind();
        return behind == 0 ? null : behind == Long.MAX_VALUE ? "waiting for the group coordinator"
                : "catching up: " + behind + " events behind the log's end at start";
    }

    private static Health.State streamsHealth(KafkaStreams.State state) {
        return switch (state) {
            case RUNNING -> Health.State.UP;
            case CREATED, REBALANCING -> Health.State.STARTING;
            default -> Health.State.DOWN;
        };
    }

    /**
     * Waits while the app starts or restores its stores — however long that takes: a restore
     * after a crash is work in progress, not a failure — saying how far it has come every few
     * seconds. Gives up only when the app itself has failed.
     */
    private void awaitRunning(String name, Supplier<KafkaStreams.State> state, Supplier<String> detail) {
        long nextWord = System.nanoTime() + PROGRESS_EVERY.toNanos();
        while (state.get() != KafkaStreams.State.RUNNING) {
            KafkaStreams.State now = state.get();
            if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.PENDING_ERROR
                    || now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.PENDING_SHUTDOWN) {
                throw new IllegalStateException("the " + name + " stopped while starting (state " + now + ")");
            }
            if (System.nanoTime() > nextWord) {
                String doing = detail.get();
                progress.accept("the " + name + " is starting" + (doing == null ? " (" + now.name().toLowerCase(
                        java.util.Locale.ROOT) + ")" : ": " + doing));
                nextWord = System.nanoTime() + PROGRESS_EVERY.toNanos();
            }
            pause("starting the " + name);
        }
    }

    /** Waits until the projections have folded the log as far as it reached at start. */
    private void awaitCaughtUp() {
        long nextWord = System.nanoTime() + PROGRESS_EVERY.toNanos();
        while (catchUp.behind() > 0) {
            if (System.nanoTime() > nextWord) {
                progress.accept("the projections are " + catchingUp());
                nextWord = System.nanoTime() + PROGRESS_EVERY.toNanos();
            }
            if (projections.state() == KafkaStreams.State.ERROR || projections.state() == KafkaStreams.State.NOT_RUNNING) {
                throw new IllegalStateException("the projections stopped while catching up (state "
                        + projections.state() + ")");
            }
            pause("catching up");
        }
    }

    private static void pause(String doing) {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + doing, e);
        }
    }

    /**
     * Registers every schema this build writes, so a build whose schemas the registry refuses
     * (incompatible with what is stored there) stops here rather than at the first write.
     */
    private void registerSchemas() {
        var client = registryClient();
        for (Map.Entry<String, org.apache.avro.Schema> subject : Subjects.current().entrySet()) {
            try {
                int id = client.register(subject.getKey(), subject.getValue());
                log.info("schema for {} is registered with id {}", subject.getKey(), id);
            } catch (SchemaRegistryException e) {
                health.set(SCHEMAS, Health.State.DOWN, e.getMessage());
                throw new IllegalStateException("the schema registry at " + registryUrl + " refused the schema of "
                        + subject.getKey() + ": " + e.getMessage(), e);
            }
        }
    }

    private short externalReplication() {
        if (config.replicationFactor().isPresent()) {
            return config.replicationFactor().get();
        }
        try (Admin admin = Admin.create(kafka.properties())) {
            int brokers = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
            return (short) Math.min(3, brokers);
        } catch (Exception e) {
            throw new IllegalStateException("cannot reach Kafka at " + kafka + ": " + rootMessage(e), e);
        }
    }

    /** The rules versions this process runs (for tests in this package). */
    ProjectionVersions versions() {
        return versions;
    }

    /** The projection set this process serves reads from (for tests in this package). */
    ProjectionSet projections() {
        return projections;
    }

    /** The read use cases this process answers with (for tests in this package). */
    ReadQueries reads() {
        return reads;
    }

    public int port() {
        return app.port();
    }

    /** How this process's clients reach Kafka: the address and the login (never printed: see its toString). */
    public KafkaAccess kafka() {
        return kafka;
    }

    /** Where other tools find {@link #kafka()} as Kafka client properties; empty on an external cluster. */
    public Optional<Path> kafkaClientSettings() {
        return config.embedded() && backbone != null ? Optional.of(backbone.clientSettings()) : Optional.empty();
    }

    public String registryUrl() {
        return registryUrl;
    }

    public ApiToken token() {
        return token;
    }

    public Health health() {
        return health;
    }

    public PreptrackConfig config() {
        return config;
    }

    /**
     * Says it is stopping (health 503, every route 503), closes processing, then HTTP, then the
     * backbone, then releases the data directory.
     */
    @Override
    public void close() {
        try {
            // The processors close before HTTP stops, because HTTP serves the embedded registry: a
            // stream thread still encoding a store value waits for the registry (it outlasts an
            // outage) and, with it gone, would hold its state directory past close.
            health.stopping();
            backends.stopping();
            streamsMetrics.forEach(KafkaStreamsMetrics::close);
            if (writeSide != null) {
                writeSide.close();
            }
            if (catchUp != null) {
                catchUp.close();
            }
            if (versions != null) {
                versions.close();
            } else if (projections != null) {
                projections.close();
            }
            if (rulesLog != null) {
                rulesLog.close();
            }
            app.stop();
            if (backbone != null) {
                backbone.close();
            }
        } finally {
            try {
                homeLock.release();
                homeLock.channel().close();
            } catch (IOException e) {
                log.warn("cannot release the lock on {}: {}", config.home(), e.toString());
            }
        }
    }

    private static FileLock lockHome(PreptrackConfig config) {
        try {
            keepPrivate(config.home());
            FileChannel channel = FileChannel.open(config.home().resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldInThisJvm) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("another preptrack is already running with PREPTRACK_HOME="
                        + config.home() + "; stop it first, or set PREPTRACK_HOME to another directory");
            }
            return lock;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use PREPTRACK_HOME=" + config.home() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Makes the home a directory only its owner can enter: it holds the token, the broker's log (every
     * event) and the stores, and other accounts on the machine have no business reading them.
     * A home made by an older version with the default umask is tightened the same way.
     */
    private static void keepPrivate(Path home) throws IOException {
        if (!home.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(home);
            return;
        }
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rwx------");
        if (Files.notExists(home)) {
            Files.createDirectories(home, PosixFilePermissions.asFileAttribute(ownerOnly));
        }
        if (!Files.getPosixFilePermissions(home).equals(ownerOnly)) {
            try {
                Files.setPosixFilePermissions(home, ownerOnly);
                log.info("made {} readable only by its owner (was open to others)", home);
            } catch (IOException notOurs) {
                log.warn("cannot make {} private ({}); others on this machine may read its files", home, notOurs.toString());
            }
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
