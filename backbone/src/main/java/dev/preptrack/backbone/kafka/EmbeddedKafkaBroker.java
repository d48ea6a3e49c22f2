package dev.preptrack.backbone.kafka;

import dev.preptrack.schemas.kafka.KafkaAccess;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running inside this
 * JVM, from the {@code kafka_2.13} server jar. Its log directory lives under the given data
 * directory and is formatted only on first use, so topics and records survive restarts.
 *
 * <p>Binds 127.0.0.1 only, and asks every connection — clients' and its own, to its controller —
 * for the SASL PLAIN login kept in {@link ClientSettingsFile} in the data directory: other
 * accounts on the machine can reach a loopback port, but not the owner's files. Replicated
 * internal topics (offsets, transactions) are configured for one replica, so Kafka Streams'
 * exactly-once works against it.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final String HOST = "127.0.0.1";
    /** The one user the broker knows. */
    static final String USER = "preptrack";

    private final KafkaRaftServer server;
    private final KafkaAccess access;
    private final Path logDir;
    private final Path clientSettings;

    private EmbeddedKafkaBroker(KafkaRaftServer server, KafkaAccess access, Path logDir, Path clientSettings) {
        this.server = server;
        this.access = access;
        this.logDir = logDir;
        this.clientSettings = clientSettings;
    }

    /**
     * Starts a broker whose data lives in {@code dataDir} and waits until it answers.
     *
     * @param port the client port, or 0 for the one used last time if it is free, else any free one
     */
    public static EmbeddedKafkaBroker start(Path dataDir, int port, Duration timeout) {
        return start(dataDir, port, timeout, true);
    }

    /**
     * As {@link #start(Path, int, Duration)}.
     *
     * @param fsync whether every append is forced to disk before it is acknowledged. A single
     *     broker has no replica to survive a power cut, so "acknowledged" means "on disk" only if
     *     it fsyncs; turning it off trades that for write speed (tests, benchmarks' baseline)
     */
    public static EmbeddedKafkaBroker start(Path dataDir, int port, Duration timeout, boolean fsync) {
        Path logDir = dataDir.toAbsolutePath().resolve("kafka-logs");
        Path portFile = dataDir.toAbsolutePath().resolve("kafka-port");
        int clientPort = port != 0 ? port : previousPortIfFree(portFile);
        int controllerPort = freePort();
        String password = ClientSettingsFile.password(dataDir.toAbsolutePath());
        Map<String, String> config = brokerConfig(logDir, clientPort, controllerPort, fsync, password);
        try {
            Files.createDirectories(logDir);
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(logDir);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot prepare the Kafka log directory " + logDir + ": " + e.getMessage(), e);
        }
        sayWhyBeforeHalting(logDir);
        var server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
        server.startup();
        var access = KafkaAccess.saslPlain(HOST + ":" + clientPort, USER, password);
        var broker = new EmbeddedKafkaBroker(server, access, logDir, dataDir.toAbsolutePath().resolve(ClientSettingsFile.NAME));
        try {
            broker.awaitReady(timeout);
            // Consumers configured with this address keep working across restarts when the port is free.
            Files.writeString(portFile, clientPort + "\n");
            ClientSettingsFile.write(dataDir.toAbsolutePath(), access);
        } catch (RuntimeException | java.io.IOException e) {
            broker.close();
            throw e instanceof RuntimeException runtime ? runtime : new UncheckedIOException((java.io.IOException) e);
        }
        log.info("Kafka broker serving at {} with its log in {}", broker.access, logDir);
        return broker;
    }

    /** How a client reaches this broker: its address and login. */
    public KafkaAccess kafka() {
        return access;
    }

    /** The client properties file holding {@link #kafka()}, for other tools. */
    public Path clientSettings() {
        return clientSettings;
    }

    public Path logDir() {
        return logDir;
    }

    /** Stops the broker and waits for its log to be closed cleanly. */
    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    /**
     * The JVM options a process running this broker must start with (the {@code preptrack}
     * launcher passes the same): a fault in a memory-mapped write aborts the JVM at once.
     *
     * <p>Kafka writes its offset and time indexes through memory maps of sparse, preallocated
     * files. On a full disk the first entry written to a page not yet backed by disk (a young
     * partition's first index entry, after 4 KiB of log) gets SIGBUS, which the JVM raises as
     * {@code InternalError} ("a fault occurred in a recent unsafe memory access operation"), not
     * as the {@code IOException} Kafka takes its log directory offline for. The append has
     * already written the batch to the segment, but the log end offset does not move; the broker
     * answers UNKNOWN_SERVER_ERROR, keeps the directory online, gives the next batch the same
     * offset (each later append on that partition then fails the same way after writing its
     * bytes), and the coordinator, meeting the unexpected error on a transaction marker, leaves
     * that transaction half marked. Seen in {@code DiskFullTest}: {@code preptrack.events-0}
     * held the writer's event and its abort marker both at offset 28, the writer had stopped, and
     * the process never halted. Aborting on that fault stops everything right after the write,
     * as a kill would: nothing after it was acknowledged, and the next start recovers as after a
     * crash.
     */
    public static final List<String> JVM_OPTIONS = List.of(
            "-XX:+UnlockDiagnosticVMOptions",
            "-XX:AbortVMOnException=java.lang.InternalError",
            "-XX:AbortVMOnExceptionMessage=unsafe memory access",
            // No core file on a disk that is likely full; the error report still goes to stdout.
            "-XX:-CreateCoredumpOnCrash",
            // Its ';' would split the command, so none in the message.
            "-XX:OnError=echo 'preptrack: the embedded Kafka broker stopped the process (the JVM aborted, see"
                    + " above). This happens when a write under its log directory faults, most often because its"
                    + " disk is full. Free space there and start preptrack again: every write that was"
                    + " acknowledged is kept.' >&2");

    /**
     * The broker halts the JVM it runs in when its only log directory fails — most often a full
     * disk: the first append that cannot be written takes the directory offline, and a broker
     * with none left stops at once ({@code Exit.halt}, no shutdown hook). Being embedded, that
     * ends preptrack too; it cannot be caught or recovered in-process. So the person running it
     * is at least told, on standard error, what to do, and the process still halts as Kafka
     * requires. Everything acknowledged is on disk; the next start recovers as after a crash.
     */
    private static void sayWhyBeforeHalting(Path logDir) {
        Exit.setHaltProcedure((status, message) -> {
            System.err.println("preptrack: the embedded Kafka broker stopped the process (status " + status + ")"
                    + (message == null ? "" : ": " + message) + ". This happens when its log directory " + logDir
                    + " cannot be written, most often because its disk is full. Free space there and start preptrack"
                    + " again: every write that was acknowledged is kept.");
            System.err.flush();
            Runtime.getRuntime().halt(status);
        });
    }

    static Map<String, String> brokerConfig(Path logDir, int clientPort, int controllerPort, boolean fsync,
            String password) {
        // The broker's own login (username, password) and the users it accepts (user_<name>), the same one.
        String jaas = KafkaAccess.plainLogin(USER, password).replace(";", " user_" + USER + "=\"" + password + "\";");
        var config = new java.util.HashMap<>(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", String.valueOf(NODE_ID)),
                Map.entry("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort),
                Map.entry("listeners", "CLIENT://" + HOST + ":" + clientPort + ",CONTROLLER://" + HOST + ":"
                        + controllerPort),
                Map.entry("advertised.listeners", "CLIENT://" + HOST + ":" + clientPort),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "CLIENT"),
                // The controller's port too: an admin client can bootstrap to a controller (KIP-919).
                Map.entry("listener.security.protocol.map", "CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT"),
                Map.entry("sasl.enabled.mechanisms", "PLAIN"),
                Map.entry("sasl.mechanism.inter.broker.protocol", "PLAIN"),
                Map.entry("sasl.mechanism.controller.protocol", "PLAIN"),
                Map.entry("listener.name.client.plain.sasl.jaas.config", jaas),
                Map.entry("listener.name.controller.plain.sasl.jaas.config", jaas),
                Map.entry("log.dirs", logDir.toString()),
                // The application creates its topics with explicit configs; a typo must not create one.
                Map.entry("auto.create.topics.enable", "false"),
                Map.entry("num.partitions", "1"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "5"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "5"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // After a kill, the controller (same process) remembers the dead broker's session and
                // refuses the new one (DUPLICATE_BROKER_REGISTRATION) until it expires; the broker is
                // unfenced only at its next heartbeat. Kafka's 9 s session and 2 s heartbeat made
                // that ~10 s of every restart after a crash; on loopback a short session is safe.
                Map.entry("broker.heartbeat.interval.ms", "500"),
                Map.entry("broker.session.timeout.ms", "3000"),
                // One user's broker: a coordinator thread each is plenty (Kafka starts four group
                // coordinator threads, sized for a cluster's many groups).
                Map.entry("group.coordinator.threads", "1"),
                Map.entry("share.coordinator.threads", "1"),
                // Kafka's eight request handlers and three network threads each wake every 300 ms
                // when idle, a laptop's largest idle cost after the JIT settles. Its one client is
                // this process; with two handlers (an fsync can wait in one while the other serves
                // fetches) writes kept their rate (docs/benchmarks.md, 2026-12-06 evening).
                Map.entry("num.io.threads", "2"),
                Map.entry("num.network.threads", "1"),
                // The controller appends a no-op record to the metadata log this often when nothing
                // changes, so brokers can tell a live controller; Kafka's 500 ms kept the raft loop,
                // the controller and the broker's metadata loader awake for the broker in this process.
                Map.entry("metadata.max.idle.interval.ms", "5000"),
                Map.entry("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024))));
        if (fsync) {
            // Every topic, not only the events: the writer's changelogs, the transaction log and the
            // consumer offsets must survive a power cut together with the events they describe, or a
            // restart would resume from offsets whose effects were lost.
            config.put("log.flush.interval.messages", "1");
        }
        return Map.copyOf(config);
    }

    private static void format(Path logDir) throws Exception {
        new Formatter()
                .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
                .setClusterId(Uuid.randomUuid().toString())
                .setNodeId(NODE_ID)
                .setControllerListenerName("CONTROLLER")
                .setMetadataLogDirectory(logDir.toString())
                .setDirectories(List.of(logDir.toString()))
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .run();
    }

    private void awaitReady(Duration timeout) {
        Properties props = access.properties();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(props)) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(1, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException notYet) {
                    // The broker registers with its controller shortly after startup; ask again.
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the embedded Kafka broker did not answer at " + access
                            + " within " + timeout);
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the embedded broker", e);
        }
    }

    private static int previousPortIfFree(Path portFile) {
        try {
            int previous = Integer.parseInt(Files.readString(portFile).trim());
            try (var probe = new ServerSocket(previous, 1, InetAddress.getByName(HOST))) {
                return previous;
            }
        } catch (IOException | NumberFormatException noneOrTaken) {
            return freePort();
        }
    }

    /** A port that was free a moment ago on 127.0.0.1. */
    public static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port", e);
        }
    }
}
