package dev.preptrack.benchmarks;

import dev.preptrack.schemas.kafka.KafkaAccess;
import dev.preptrack.ui.Preptrack;
import dev.preptrack.ui.config.ConfigResolver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.tools.ProducerPerformance;

/**
 * Write latency and throughput over HTTP, where "acknowledged" means durably in the log, with
 * Kafka's own ProducerPerformance (acks=all) on the same broker as the baseline.
 *
 * <ol>
 *   <li>one client, 1,000 sequential writes after a warm-up: p50/p99 latency;</li>
 *   <li>32 concurrent clients for 30 s: writes/s and p50/p99;</li>
 *   <li>ProducerPerformance, acks=all, 300-byte records, as many as it can: records/s.</li>
 * </ol>
 * Prints the figures and appends them, with the machine, to the file named by the first argument.
 */
public final class WriteBenchmark {

    private static final int SEQUENTIAL = 1_000;
    private static final int CLIENTS = 32;
    private static final Duration CONCURRENT_RUN = Duration.ofSeconds(30);

    public static void main(String[] args) throws Exception {
        Path report = Path.of(args.length > 0 ? args[0] : "docs/benchmarks.md");
        Path home = Files.createTempDirectory("preptrack-bench");
        var config = new ConfigResolver(Map.of("home", home.toString(), "port", "0"), Map.of()).resolve();
        try (var preptrack = Preptrack.start(config)) {
            var http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(CLIENTS)).build();
            String base = "http://127.0.0.1:" + preptrack.port() + "/api/v1/candidates/";
            String token = preptrack.token().value();
            var counter = new AtomicInteger();

            runFor(http, base, token, counter, 4, Duration.ofSeconds(15), new ArrayList<>());
            long[] sequential = new long[SEQUENTIAL];
            for (int i = 0; i < SEQUENTIAL; i++) {
                sequential[i] = write(http, base, token, "bench-seq", counter.incrementAndGet());
            }
            Arrays.sort(sequential);

            List<Long> concurrent = new ArrayList<>();
            long started = System.nanoTime();
            runFor(http, base, token, counter, CLIENTS, CONCURRENT_RUN, concurrent);
            double seconds = (System.nanoTime() - started) / 1e9;
            long[] concurrentSorted = concurrent.stream().mapToLong(Long::longValue).sorted().toArray();
            double writesPerSecond = concurrentSorted.length / seconds;

            double producerRate = producerPerformance(preptrack.kafka(), "bench.producer-performance",
                    300_000, 300);

            String figures = String.format("""

                    ## Write path, %s
                    Machine: %d cores, %s, Java %s. Command: `mvn -B -pl benchmarks -am install -DskipTests && mvn -B -pl benchmarks exec:java`.

                    | figure | value |
                    |---|---|
                    | 1 client, %d sequential writes: p50 / p99 / max | %.1f / %.1f / %.1f ms |
                    | %d clients for %d s: writes/s | %.0f |
                    | %d clients: p50 / p99 | %.1f / %.1f ms |
                    | baseline: ProducerPerformance acks=all, 300-byte records, same broker | %.0f records/s |
                    | ratio: HTTP writes/s ÷ ProducerPerformance records/s (aim ≥ 0.2) | %.3f |
                    """, Instant.now().toString().substring(0, 16).replace('T', ' '),
                    Runtime.getRuntime().availableProcessors(), os(), System.getProperty("java.version"),
                    SEQUENTIAL, ms(percentile(sequential, 50)), ms(percentile(sequential, 99)),
                    ms(sequential[sequential.length - 1]),
                    CLIENTS, CONCURRENT_RUN.toSeconds(), writesPerSecond,
                    CLIENTS, ms(percentile(concurrentSorted, 50)), ms(percentile(concurrentSorted, 99)),
                    producerRate, writesPerSecond / producerRate);
            System.out.println(figures);
            Files.writeString(report, figures, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        }
        System.exit(0);
    }

    private static void runFor(HttpClient http, String base, String token, AtomicInteger counter, int clients,
            Duration duration, List<Long> latencies) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long until = System.nanoTime() + duration.toNanos();
        List<Future<List<Long>>> runs = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            String candidate = "bench-" + c;
            runs.add(pool.submit(() -> {
                List<Long> mine = new ArrayList<>();
                while (System.nanoTime() < until) {
                    mine.add(write(http, base, token, candidate, counter.incrementAndGet()));
                }
                return mine;
            }));
        }
        for (Future<List<Long>> run : runs) {
            latencies.addAll(run.get());
        }
        pool.shutdown();
    }

    private static long write(HttpClient http, String base, String token, String candidate, int n)
            throws IOException, InterruptedException {
        String body = "{\"rubric\": \"star\", \"mode\": \"solo\", \"selfScore\": 3, \"prompt\": \"Tell me about a time you "
                + "improved something nobody asked you to improve (" + n + ")\", \"sections\": ["
                + "{\"section\": \"situation\", \"seconds\": 48, \"selfScore\": 4},"
                + "{\"section\": \"action\", \"seconds\": 95, \"selfScore\": 3}]}";
        var request = HttpRequest.newBuilder(URI.create(base + candidate + "/attempts"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long start = System.nanoTime();
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        long elapsed = System.nanoTime() - start;
        if (answer.statusCode() != 201) {
            throw new IllegalStateException("write failed: " + answer.statusCode() + " " + answer.body());
        }
        return elapsed;
    }

    /** Kafka's ProducerPerformance, acks=all, on a topic of its own: records/s. */
    static double producerPerformance(KafkaAccess kafka, String topic, int records, int recordBytes)
            throws Exception {
        try (Admin admin = Admin.create(kafka.properties())) {
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get();
        }
        PrintStream original = System.out;
        var captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            // The address and the login as a client properties file (0600): --producer-props splits each
            // setting at every '=', which a JAAS line holds, and would print the password refusing it.
            java.nio.file.Path config = java.nio.file.Files.createTempFile("bench-producer", ".properties",
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            try {
                try (var out = java.nio.file.Files.newBufferedWriter(config)) {
                    kafka.properties().store(out, null);
                }
                ProducerPerformance.main(new String[] {"--topic", topic, "--num-records", String.valueOf(records),
                    "--record-size", String.valueOf(recordBytes), "--throughput", "-1", "--producer.config",
                    config.toString(), "--producer-props", "acks=all"});
            } finally {
                java.nio.file.Files.deleteIfExists(config);
            }
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        String summary = output.lines().filter(line -> line.contains("records sent")).reduce((a, b) -> b).orElseThrow();
        System.out.println("ProducerPerformance: " + summary);
        // e.g. "300000 records sent, 84210.3 records/sec (24.09 MB/sec), ..."
        String rate = summary.substring(summary.indexOf("records sent,") + 13, summary.indexOf("records/sec")).trim();
        return Double.parseDouble(rate);
    }

    static long percentile(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    static String os() {
        return System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB max heap";
    }
}
