package dev.preptrack.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preptrack.backbone.kafka.ClientSettingsFile;
import dev.preptrack.backbone.kafka.EmbeddedKafkaBroker;
import dev.preptrack.schemas.kafka.KafkaAccess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code preptrack up} as its own operating-system process, so that tests can kill it the
 * hard way (SIGKILL, no shutdown hook) and start it again on the same data directory.
 */
final class PreptrackProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path log;
    final int port;
    final String token;
    private final KafkaAccess kafka;
    final String registryUrl;

    private PreptrackProcess(Process process, Path log, int port, String token, KafkaAccess kafka,
            String registryUrl) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.token = token;
        this.kafka = kafka;
        this.registryUrl = registryUrl;
    }

    static PreptrackProcess start(Path home, Duration timeout) throws IOException, InterruptedException {
        int port = EmbeddedKafkaBroker.freePort();
        Path log = Files.createTempFile("preptrack-up", ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        // As the launcher starts it: a faulting memory-mapped write on a full disk aborts the JVM.
        var command = new ArrayList<String>();
        command.add(java);
        command.addAll(EmbeddedKafkaBroker.JVM_OPTIONS);
        command.add("-XX:ErrorFile=" + Path.of(System.getProperty("java.io.tmpdir"), "preptrack-hs_err_pid%p.log"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "dev.preptrack.ui.Main", "up", "--home", home.toString(), "--port", String.valueOf(port)));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        var http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("preptrack up exited with " + process.exitValue() + ":\n"
                        + Files.readString(log));
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/health")).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    JsonNode body = JSON.readTree(health.body());
                    return new PreptrackProcess(process, log, port, Files.readString(home.resolve("token")).trim(),
                            ClientSettingsFile.read(Path.of(body.path("kafka").path("clientProperties").asText())),
                            body.path("schemaRegistry").path("url").asText());
                }
            } catch (IOException notListeningYet) {
                // The HTTP server comes up a moment after the JVM.
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("preptrack up was not healthy within " + timeout + ":\n" + Files.readString(log));
    }

    /** How a client reaches the process's embedded broker: read from the client properties file its /health names. */
    KafkaAccess kafka() {
        return kafka;
    }

    Api api() {
        return new Api(port, token);
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or closed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to end by itself; its exit status, or empty if it is still running. */
    java.util.OptionalInt awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? java.util.OptionalInt.of(process.exitValue())
                : java.util.OptionalInt.empty();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    String log() throws IOException {
        return Files.readString(log);
    }
}
