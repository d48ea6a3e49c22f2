package dev.preptrack.backbone;

import dev.preptrack.backbone.kafka.ClientSettingsFile;
import dev.preptrack.backbone.kafka.EmbeddedKafkaBroker;
import dev.preptrack.schemas.kafka.KafkaAccess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A Kafka broker in its own operating-system process, so that a test can take it away the way
 * an outage does — SIGKILL: connections refused at once, nothing flushed or closed — and start
 * it again on the same log directory and the same port. Its {@link #main} is the child's
 * entry point; the test's own class path is the child's.
 */
public final class BrokerProcess implements AutoCloseable {

    private static final String READY = "BROKER READY ";

    private final Path dataDir;
    private final int port;
    private Process process;
    private Path log;

    private BrokerProcess(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    /** Starts a broker with the backbone's topics on a free port and waits until it answers. */
    public static BrokerProcess start(Path dataDir) {
        var broker = new BrokerProcess(dataDir, EmbeddedKafkaBroker.freePort());
        broker.startAgain();
        return broker;
    }

    /** How a client reaches the broker: the child writes its login beside its log. */
    public KafkaAccess kafka() {
        return ClientSettingsFile.read(clientProperties());
    }

    /** The Kafka client properties file the child writes: address and login. */
    public Path clientProperties() {
        return dataDir.toAbsolutePath().resolve(ClientSettingsFile.NAME);
    }

    /** SIGKILL, as a crash or a pulled plug of the broker's host (minus the page cache). */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the broker again on the same log directory and port; returns once it answers. */
    public void startAgain() {
        try {
            log = Files.createTempFile("broker-process", ".log");
            String java = ProcessHandle.current().info().command().orElse("java");
            process = new ProcessBuilder(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"),
                    BrokerProcess.class.getName(), dataDir.toString(), String.valueOf(port))
                    .redirectErrorStream(true).start();
            var ready = new CompletableFuture<Void>();
            Thread pump = new Thread(() -> copyOutput(ready), "broker-process-output");
            pump.setDaemon(true);
            pump.start();
            ready.get(90, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("the broker process did not start: " + e + "\n" + output(), e);
        }
    }

    private void copyOutput(CompletableFuture<Void> ready) {
        try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                Files.writeString(log, line + "\n", java.nio.file.StandardOpenOption.APPEND);
                if (line.startsWith(READY)) {
                    ready.complete(null);
                }
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
        ready.completeExceptionally(new IllegalStateException("exited before it was ready"));
    }

    private String output() {
        try {
            return log == null ? "" : Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
            }
        }
    }

    /**
     * The child: {@code <dataDir> <port>}. Without fsync — a SIGKILL loses nothing the kernel
     * already holds, and that is the outage simulated here — and it stops when its parent goes.
     */
    public static void main(String[] args) throws Exception {
        var broker = EmbeddedKafkaBroker.start(Path.of(args[0]), Integer.parseInt(args[1]), Duration.ofSeconds(60),
                false);
        EmbeddedBackbone.provision(broker.kafka(), RunningBackbone.TOPICS);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
        System.out.println(READY + broker.kafka());
        System.out.flush();
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(0)));
        Thread.currentThread().join();
    }
}
