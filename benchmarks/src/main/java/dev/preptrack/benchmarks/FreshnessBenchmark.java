package dev.preptrack.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preptrack.ui.Preptrack;
import dev.preptrack.ui.config.ConfigResolver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live freshness: how long after a write is acknowledged a read passing its position answers
 * with it, while other clients keep writing. A probe writes an attempt, then immediately reads
 * readiness (or themes, after a feedback write) with {@code after=<position>}; the read's
 * duration is the freshness, as a client sees it. The same read of a position already visible
 * is measured too, so the projection's share can be told from the read's own cost.
 */
public final class FreshnessBenchmark {

    private static final Duration RUN = Duration.ofSeconds(40);
    private static final int BACKGROUND_CLIENTS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        Path report = Path.of(args.length > 0 ? args[0] : "docs/benchmarks.md");
        Path home = Files.createTempDirectory("preptrack-bench");
        var config = new ConfigResolver(Map.of("home", home.toString(), "port", "0"), Map.of()).resolve();
        try (var preptrack = Preptrack.start(config)) {
            var http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + preptrack.port() + "/api/v1/candidates/";
            String token = preptrack.token().value();

            var stop = new AtomicBoolean();
            var backgroundWrites = new AtomicLong();
            ExecutorService background = Executors.newFixedThreadPool(BACKGROUND_CLIENTS);
            for (int c = 0; c < BACKGROUND_CLIENTS; c++) {
                String candidate = "load-" + c;
                background.submit(() -> {
                    while (!stop.get()) {
                        send(http, token, base + candidate + "/attempts", attempt(), "POST");
                        backgroundWrites.incrementAndGet();
                    }
                    return null;
                });
            }
            probe(http, token, base, Duration.ofSeconds(15), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            List<Long> readiness = new ArrayList<>(), themes = new ArrayList<>(), visibleRead = new ArrayList<>();
            long writesBefore = backgroundWrites.get();
            long started = System.nanoTime();
            probe(http, token, base, RUN, readiness, themes, visibleRead);
            double seconds = (System.nanoTime() - started) / 1e9;
            double load = (backgroundWrites.get() - writesBefore) / seconds;
            stop.set(true);
            background.shutdown();

            long[] r = sorted(readiness), t = sorted(themes), v = sorted(visibleRead);
            String figures = String.format("""

                    ## Live freshness, %s
                    Machine: %d cores, %s, Java %s. Command: `mvn -B -pl benchmarks -am install -DskipTests && mvn -B -pl benchmarks exec:java -Dbenchmark=dev.preptrack.benchmarks.FreshnessBenchmark`.
                    %d background clients writing attempts (%.0f writes/s) for %d s; one probe alternating an attempt then a readiness read, and a feedback item then a themes read, each with `after=<position>`.

                    | figure | p50 | p99 | max | n |
                    |---|---|---|---|---|
                    | write acknowledged → readiness read with `after` answers (aim p50 ≤ 30, p99 ≤ 100 ms) | %.1f | %.1f | %.1f | %d |
                    | write acknowledged → themes read with `after` answers | %.1f | %.1f | %.1f | %d |
                    | the same readiness read once visible (the read's own cost) | %.1f | %.1f | %.1f | %d |
                    """, Instant.now().toString().substring(0, 16).replace('T', ' '),
                    Runtime.getRuntime().availableProcessors(), WriteBenchmark.os(), System.getProperty("java.version"),
                    BACKGROUND_CLIENTS, load, RUN.toSeconds(),
                    ms(r, 50), ms(r, 99), ms(r, 100), r.length, ms(t, 50), ms(t, 99), ms(t, 100), t.length,
                    ms(v, 50), ms(v, 99), ms(v, 100), v.length);
            System.out.println(figures);
            Files.writeString(report, figures, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        System.exit(0);
    }

    private static void probe(HttpClient http, String token, String base, Duration duration, List<Long> readiness,
            List<Long> themes, List<Long> visibleRead) throws Exception {
        long until = System.nanoTime() + duration.toNanos();
        int n = 0;
        while (System.nanoTime() < until) {
            boolean feedback = n++ % 2 == 1;
            String written = feedback
                    ? send(http, token, base + "probe/feedback", "{\"text\": \"numbers? " + n + "\", \"source\": "
                            + "{\"name\": \"coach\", \"role\": \"coach\"}}", "POST")
                    : send(http, token, base + "probe/attempts", attempt(), "POST");
            String position = JSON.readTree(written).path("position").asText();
            String read = base + "probe/" + (feedback ? "themes?" : "readiness?rubric=star&") + "after=" + position;
            long start = System.nanoTime();
            send(http, token, read, null, "GET");
            (feedback ? themes : readiness).add(System.nanoTime() - start);
            if (!feedback) {
                start = System.nanoTime();
                send(http, token, read, null, "GET");
                visibleRead.add(System.nanoTime() - start);
            }
        }
    }

    private static String attempt() {
        return "{\"rubric\": \"star\", \"mode\": \"solo\", \"selfScore\": 3, \"sections\": ["
                + "{\"section\": \"situation\", \"seconds\": 48, \"selfScore\": 4},"
                + "{\"section\": \"action\", \"seconds\": 95, \"selfScore\": 3}]}";
    }

    private static String send(HttpClient http, String token, String url, String body, String method) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + url + ": " + answer.statusCode() + " " + answer.body());
        }
        return answer.body();
    }

    private static long[] sorted(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private static double ms(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : WriteBenchmark.ms(p == 100 ? sorted[sorted.length - 1] : WriteBenchmark.percentile(sorted, p));
    }
}
