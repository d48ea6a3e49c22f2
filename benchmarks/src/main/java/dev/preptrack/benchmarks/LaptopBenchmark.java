package dev.preptrack.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preptrack.backbone.kafka.ClientSettingsFile;
import dev.preptrack.schemas.kafka.KafkaAccess;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The figures of "fast and light" (reads, idle CPU, memory, writes, start-up), each beside a
 * baseline measured in the same run on the same machine: preptrack runs as a child process
 * started by the real launcher ({@code ./preptrack up}, with its JVM settings), a generated
 * year of one candidate's preparation is written to it over HTTP, and {@link HttpLoad} drives it
 * and a minimal Javalin server in this JVM (a static answer of the same size, a route that
 * produces the request to Kafka with acks=all and waits). Prints the table and appends it, with
 * the machine and the command, to the file named by the first argument.
 */
public final class LaptopBenchmark {

    private static final int CONNECTIONS = 32;
    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final Duration RUN = Duration.ofSeconds(15);
    private static final String CANDIDATE = "focus";

    public static void main(String[] args) throws Exception {
        Path report = Path.of(args.length > 0 ? args[0] : "docs/benchmarks.md").toAbsolutePath();
        Path root = report.getParent().getParent();
        long seed = Long.getLong("seed", 42);
        int attempts = Integer.getInteger("attempts", 300);
        int feedback = Integer.getInteger("feedback", 100);
        Path home = Files.createTempDirectory("preptrack-laptop");
        int port = freePort();
        var rows = new ArrayList<String[]>();
        boolean fsync = !"false".equals(System.getProperty("fsync"));
        try (var preptrack = Child.start(root, home, port, fsync)) {
            rows.add(row("start-up, empty home (launcher to healthy)", secs(preptrack.startedIn()), "—", "≤ 10 s warm"));
            String token = Files.readString(home.resolve("token")).trim();
            Instant end = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1));
            List<History.Write> writes = History.of(seed, attempts, feedback, end);
            long written = System.nanoTime();
            long position = write(port, token, writes);
            double writeSeconds = (System.nanoTime() - written) / 1e9;
            System.out.printf("wrote %d events for '%s' in %.1f s (position %d)%n", writes.size(), CANDIDATE,
                    writeSeconds, position);
            String auth = "Authorization: Bearer " + token;
            String base = "/api/v1/candidates/" + CANDIDATE;
            get(port, token, base + "/readiness?after=" + position); // waits until the history is folded
            get(port, token, base + "/themes?after=" + position);

            // -Dwrites=only measures the write path alone (to try a change to it in a few minutes).
            boolean readsToo = !"only".equals(System.getProperty("writes"));
            try (var baseline = Baseline.start(preptrack.kafka())) {
                if (readsToo) {
                    readFigures(rows, port, base, auth, end, baseline);
                }
                var writesResult = HttpLoad.run(port, CONNECTIONS, WARM_UP, RUN, 201, n -> new HttpLoad.Request("POST",
                        "/api/v1/candidates/bench-" + (n % 500) + "/feedback", List.of(auth,
                        "Content-Type: application/json", "Idempotency-Key: w-" + n),
                        feedback(n)));
                var produce = HttpLoad.run(baseline.port(), CONNECTIONS, WARM_UP, RUN, 201, n -> new HttpLoad.Request(
                        "POST", "/produce/bench-" + (n % 500), List.of("Content-Type: application/json"),
                        feedback(n)));
                rows.add(row("HTTP writes (feedback over 500 candidates), " + CONNECTIONS + " connections",
                        writesResult.summary(), "minimal Javalin route: parse, produce acks=all, wait: "
                                + produce.summary(), "≥ 0.5 × (now " + ratio(writesResult, produce) + "); p99 ≤ 50 ms"));
            }
            rows.add(row("resident memory after the loads", mib(preptrack.residentBytes()), "—", "≤ 512 MiB"));
            Thread.sleep(5_000);
            rows.add(row("write acknowledged → visible to a read with `after`, one client at rest (p50 / p99 of 100)",
                    freshness(port, token), "—", "p50 ≤ 30 ms, p99 ≤ 100 ms"));
            Thread.sleep(Duration.ofSeconds(60).toMillis());
            var idle = preptrack.cpuOver(Duration.ofSeconds(60));
            rows.add(row("CPU while idle (60 s, after 60 s at rest)", String.format("%.1f %% of one core (%.1f %% of it"
                    + " the JIT compiler still at work)", idle[0], idle[1]), "—", "≤ 2 %"));
        }
        try (var again = Child.start(root, home, port, fsync)) {
            rows.add(row("start-up again after Ctrl-C (same home, the history above)", secs(again.startedIn()), "—",
                    "≤ 10 s warm"));
        }
        print(report, rows, seed, attempts, feedback, fsync);
    }

    /** The body of the n-th feedback write, the same for preptrack and for the produce-and-wait baseline. */
    private static byte[] feedback(int n) {
        return ("{\"feedbackId\":\"fb-" + n + "\",\"text\":\"numbers? what was the baseline\","
                + "\"source\":{\"name\":\"coach anna\",\"role\":\"coach\"}}").getBytes(StandardCharsets.UTF_8);
    }

    /** The read figures: readiness now, as of a date, uncached as-of and history, themes; each beside its baseline. */
    private static void readFigures(List<String[]> rows, int port, String base, String auth, Instant end,
            Baseline baseline) throws InterruptedException {
        var staticGet = load(port, HttpLoad.Request.get("/openapi.json"));
        var readiness = load(port, HttpLoad.Request.get(base + "/readiness", auth));
        rows.add(row("GET …/readiness (" + kb(readiness) + ")", readiness.summary(),
                "GET /openapi.json (" + kb(staticGet) + ", same app): " + staticGet.summary(),
                "≥ 0.5 × the static GET (now " + ratio(readiness, staticGet) + "); p99 ≤ 10 ms"));
        String past = LocalDate.ofInstant(end, ZoneOffset.UTC).minusDays(60).toString();
        var asOf = load(port, HttpLoad.Request.get(base + "/readiness?asOf=" + past, auth));
        rows.add(row("GET …/readiness?asOf=" + past, asOf.summary(), "the same without asOf",
                "≥ 0.5 × without asOf (now " + ratio(asOf, readiness) + "); p99 ≤ 20 ms"));
        LocalDate lastDay = LocalDate.ofInstant(end, ZoneOffset.UTC);
        // Each request another instant (a day of the year, plus as many seconds as requests went
        // before), so no answer is shared: what an as-of read costs when it is computed.
        var distinct = HttpLoad.run(port, CONNECTIONS, WARM_UP, RUN, 200, n -> HttpLoad.Request.get(base
                + "/readiness?asOf=" + lastDay.minusDays(1 + Math.floorMod(n * 7919L, 364)).atStartOfDay(
                        ZoneOffset.UTC).plusSeconds(43_200 + n).toInstant(), auth));
        System.out.println("distinct asOf: " + distinct.summary());
        rows.add(row("GET …/readiness?asOf=<each request another instant of the year, none cached>",
                distinct.summary(),
                "the same without asOf", "≥ 0.5 × without asOf (now " + ratio(distinct, readiness)
                        + "); p99 ≤ 20 ms"));
        var history = HttpLoad.run(port, CONNECTIONS, WARM_UP, RUN, 200, n -> HttpLoad.Request.get(base
                + "/readiness/history?rubric=star&step=P1D&from=" + lastDay.minusDays(90) + "T12:00:00Z&to="
                + lastDay.atStartOfDay(ZoneOffset.UTC).plusSeconds(43_200 + n).toInstant(), auth));
        System.out.println("history: " + history.summary());
        rows.add(row("GET …/readiness/history (92 points, 91 of them daily; each request another end, none"
                + " cached)",
                history.summary(), "—", "a dashboard's 30-date chart in one request (was ~20 s as 30 reads)"));
        var themes = load(port, HttpLoad.Request.get(base + "/themes", auth));
        int themesSize = (int) (themes.bytes() / Math.max(1, themes.answers()));
        var staticSame = load(baseline.port(), HttpLoad.Request.get("/bytes/" + themesSize));
        rows.add(row("GET …/themes (" + kb(themes) + ")", themes.summary(),
                "static GET of the same size, minimal Javalin: " + staticSame.summary(),
                "≥ 0.5 × (now " + ratio(themes, staticSame) + ")"));
    }

    private static HttpLoad.Result load(int port, HttpLoad.Request request) throws InterruptedException {
        var result = HttpLoad.run(port, CONNECTIONS, WARM_UP, RUN, 200, n -> request);
        if (result.errors() > 0) {
            System.out.println("errors: " + result.firstError());
        }
        System.out.println(request.path() + ": " + result.summary());
        return result;
    }

    /** 100 writes one after another at rest, each followed by a read that names its position. */
    private static String freshness(int port, String token) throws Exception {
        var http = HttpClient.newHttpClient();
        long[] visible = new long[100];
        for (int i = 0; i < visible.length; i++) {
            Thread.sleep(200);
            var written = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/v1/candidates/fresh/attempts")).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").header("Idempotency-Key", "fresh-" + i)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"rubric\":\"star\",\"mode\":\"solo\",\"sections\":"
                            + "[{\"section\":\"action\",\"seconds\":80,\"selfScore\":4}]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            var matcher = java.util.regex.Pattern.compile("\"position\":\"(\\d+)\"").matcher(written.body());
            if (!matcher.find()) {
                throw new IllegalStateException("no position in " + written.body());
            }
            long t0 = System.nanoTime();
            get(port, token, "/api/v1/candidates/fresh/readiness?rubric=star&after=" + matcher.group(1));
            visible[i] = System.nanoTime() - t0;
        }
        java.util.Arrays.sort(visible);
        return String.format("%.1f / %.1f ms", visible[49] / 1e6, visible[98] / 1e6);
    }

    private static long write(int port, String token, List<History.Write> writes) throws Exception {
        var http = HttpClient.newHttpClient();
        long position = 0;
        for (History.Write write : writes) {
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/candidates/"
                    + CANDIDATE + write.path())).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").header("Idempotency-Key", write.key())
                    .method(write.method(), HttpRequest.BodyPublishers.ofString(write.body()));
            if (write.ifMatch() != null) {
                request.header("If-Match", write.ifMatch());
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(write.method() + " " + write.path() + " " + write.body() + " -> "
                        + response.statusCode() + " " + response.body());
            }
            var matcher = java.util.regex.Pattern.compile("\"position\":\"(\\d+)\"").matcher(response.body());
            if (matcher.find()) {
                position = Math.max(position, Long.parseLong(matcher.group(1)));
            }
        }
        return position;
    }

    private static String get(int port, String token, String path) throws Exception {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + path)).header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " -> " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static void print(Path report, List<String[]> rows, long seed, int attempts, int feedback, boolean fsync)
            throws IOException {
        var table = new StringBuilder();
        table.append(String.format("%n## Laptop figures, %s%n", java.time.LocalDateTime.now().withNano(0)
                .toString().replace('T', ' ')));
        table.append(String.format("Machine: %d cores, %s %s, Java %s. Command: `mvn -B -pl benchmarks -am install"
                        + " -DskipTests && %smvn -B -pl benchmarks exec:java -Dbenchmark=%s%s`. History: seed %d,"
                        + " %d attempts, %d feedback items in a year for one candidate; %d connections, %d s each after"
                        + " %d s of warm-up.%s%n%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"),
                // The child inherits the environment: say which of preptrack's settings it was given.
                System.getenv().entrySet().stream().filter(setting -> setting.getKey().startsWith("PREPTRACK_"))
                        .map(setting -> setting.getKey() + "=" + setting.getValue() + " ").sorted()
                        .collect(java.util.stream.Collectors.joining()),
                LaptopBenchmark.class.getName(), "only".equals(System.getProperty("writes")) ? " -Dwrites=only" : "",
                seed, attempts, feedback, CONNECTIONS, RUN.toSeconds(),
                WARM_UP.toSeconds(), fsync ? "" : " **With `PREPTRACK_KAFKA_FSYNC=false`** (`-Dfsync=false`): appends"
                        + " left in the page cache, to show what fsync costs; not the guarantee preptrack gives."));
        table.append("| figure | preptrack | baseline in the same run | aim |\n|---|---|---|---|\n");
        rows.forEach(row -> table.append("| ").append(String.join(" | ", row)).append(" |\n"));
        System.out.println(table);
        Files.writeString(report, table, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    }

    private static String[] row(String... cells) {
        return cells;
    }

    private static String ratio(HttpLoad.Result subject, HttpLoad.Result baseline) {
        return String.format("%.2f ×", subject.perSecond() / baseline.perSecond());
    }

    private static String kb(HttpLoad.Result result) {
        return String.format("%.1f KB", result.bytes() / Math.max(1.0, result.answers()) / 1024);
    }

    private static String secs(Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }

    private static String mib(long bytes) {
        return String.format("%d MiB", bytes >> 20);
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** preptrack as a person runs it: the launcher in a fresh home, on a free port. */
    record Child(Process process, Path home, Duration startedIn) implements AutoCloseable {

        static Child start(Path root, Path home, int port, boolean fsync) throws Exception {
            var builder = new ProcessBuilder(root.resolve("preptrack").toString(), "up")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("preptrack.log").toFile()));
            builder.environment().put("PREPTRACK_HOME", home.toString());
            builder.environment().put("PREPTRACK_PORT", String.valueOf(port));
            builder.environment().put("PREPTRACK_KAFKA_FSYNC", String.valueOf(fsync));
            long started = System.nanoTime();
            Process process = builder.start();
            var http = HttpClient.newHttpClient();
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("preptrack exited: " + Files.readString(home.resolve("preptrack.log")));
                }
                try {
                    var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    if (response.body().startsWith("{\"status\":\"UP\"")) {
                        break;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(100);
            }
            return new Child(process, home, Duration.ofNanos(System.nanoTime() - started));
        }

        /** The child's broker, from the client properties file it writes beside its log. */
        KafkaAccess kafka() {
            return ClientSettingsFile.read(home.resolve(ClientSettingsFile.NAME));
        }

        long residentBytes() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
            throw new IOException("no VmRSS for " + process.pid());
        }

        /** Percent of one core used over {@code period}: the process, and of that its JIT compiler threads. */
        double[] cpuOver(Duration period) throws Exception {
            long[] before = ticks();
            Thread.sleep(period.toMillis());
            long[] after = ticks();
            double tick = 100.0 / 100 / period.toSeconds(); // USER_HZ is 100 on Linux
            return new double[] {(after[0] - before[0]) * tick, (after[1] - before[1]) * tick};
        }

        /** CPU ticks of the whole process (threads that ended included), and of its JIT compiler threads. */
        private long[] ticks() throws IOException {
            String[] process = Files.readString(Path.of("/proc/" + process().pid() + "/stat"))
                    .replaceFirst("^.*\\) ", "").split(" ");
            long total = Long.parseLong(process[11]) + Long.parseLong(process[12]);
            long compiler = 0;
            try (var tasks = Files.list(Path.of("/proc/" + process().pid() + "/task"))) {
                for (Path task : tasks.toList()) {
                    try {
                        if (Files.readString(task.resolve("comm")).contains("CompilerThre")) {
                            String[] stat = Files.readString(task.resolve("stat")).replaceFirst("^.*\\) ", "")
                                    .split(" ");
                            compiler += Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
                        }
                    } catch (IOException | RuntimeException threadEnded) {
                        // a thread that ended between the listing and the read
                    }
                }
            }
            return new long[] {total, compiler};
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            process.waitFor();
        }
    }

    /** The baselines' server: Javalin with nothing of preptrack in it. */
    static final class Baseline implements AutoCloseable {
        private final Javalin app;
        private final KafkaProducer<String, byte[]> producer;

        private Baseline(Javalin app, KafkaProducer<String, byte[]> producer) {
            this.app = app;
            this.producer = producer;
        }

        static Baseline start(KafkaAccess kafka) throws Exception {
            try (Admin admin = Admin.create(kafka.properties())) {
                admin.createTopics(List.of(new NewTopic("bench.produce", 6, (short) 1))).all().get();
            }
            Properties props = kafka.properties();
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            var producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
            var json = new ObjectMapper();
            Map<Integer, byte[]> sized = new java.util.concurrent.ConcurrentHashMap<>();
            Javalin app = Javalin.create(config -> {
                config.startup.showJavalinBanner = false;
                config.jetty.host = "127.0.0.1";
                config.routes.get("/bytes/{n}", ctx -> ctx.contentType("application/json").result(sized.computeIfAbsent(
                        Integer.parseInt(ctx.pathParam("n")), n -> "x".repeat(n).getBytes(StandardCharsets.UTF_8))));
                config.routes.post("/produce/{key}", ctx -> {
                    var body = json.readTree(ctx.bodyAsBytes());
                    producer.send(new ProducerRecord<>("bench.produce", ctx.pathParam("key"),
                            json.writeValueAsBytes(body))).get();
                    ctx.status(201).result("{}");
                });
            }).start(0);
            return new Baseline(app, producer);
        }

        int port() {
            return app.port();
        }

        @Override
        public void close() {
            app.stop();
            producer.close();
        }
    }
}
