package dev.preptrack.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.preptrack.backbone.kafka.EmbeddedKafkaBroker;
import dev.preptrack.domain.event.Actor;
import dev.preptrack.domain.event.Event;
import dev.preptrack.domain.event.FeedbackReceived;
import dev.preptrack.domain.event.Payload;
import dev.preptrack.domain.event.PracticeAttemptLogged;
import dev.preptrack.domain.event.StoryCreated;
import dev.preptrack.domain.event.StoryEdited;
import dev.preptrack.events.Envelope;
import dev.preptrack.projections.replay.SetRetirement;
import dev.preptrack.projections.topology.CatchUp;
import dev.preptrack.projections.topology.ProjectionSet;
import dev.preptrack.projections.topology.ProjectionSettings;
import dev.preptrack.schemas.Subjects;
import dev.preptrack.schemas.codec.EventCodec;
import dev.preptrack.schemas.kafka.KafkaAccess;
import dev.preptrack.schemas.registry.SchemaRegistryClient;
import dev.preptrack.schemas.serde.SpecificAvroSerializer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.tools.ConsumerPerformance;

/**
 * The full rebuild after a rules change, against Kafka's own consumer and a trivial Streams
 * application over the same topic on the same broker, in one run.
 *
 * <ol>
 *   <li>preptrack runs as a person runs it ({@code ./preptrack up}, its launcher's memory limits),
 *   and a seeded generator writes a history straight to its events topic: a year's practice per
 *   candidate (~300 events: attempts, feedback with texts of real length that rarely repeat, story
 *   edits);</li>
 *   <li>preptrack is stopped and version 1's offsets, state and outputs deleted, as a build with a
 *   new topology finds them, and started again: start-up folds the log into version 1's stores;</li>
 *   <li>once version 1's projections have folded it, the baselines: {@code ConsumerPerformance}
 *   over the events topic, and a Streams application that counts records per key into a
 *   persistent store with the projections' own guarantee and commit interval;</li>
 *   <li>then rules with other readiness weights are published over HTTP, and the time from the
 *   publish to the switch (every projection of every candidate rebuilt) gives the rebuild rate;
 *   meanwhile the process's resident memory is sampled and a client writes and reads its own
 *   write back (write → visible), as a person using it during the rebuild would.</li>
 * </ol>
 *
 * {@code mvn -B -pl benchmarks -am install -DskipTests && mvn -B -pl benchmarks exec:java
 * -Dbenchmark=dev.preptrack.benchmarks.ReplayBenchmark -Dexec.args="100000"} (from the project root).
 */
public final class ReplayBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = 20261202;
    private static final int EVENTS_PER_CANDIDATE = 300;
    private static final String[] STAR = {"situation", "task", "action", "result", "reflection"};
    private static final String[] FEEDBACK = {
        "You spent almost two minutes on the background before we knew what the problem was; lead with the stakes.",
        "What was the impact in numbers? You said it got faster but never said from what to what, or for whom.",
        "I still don't know what you did yourself versus what the team did; say I, and name the decision you made.",
        "How did you get the platform team to agree? It sounded like you routed around them rather than settling it.",
        "Strong structure and good energy, the result landed well; keep that ending.",
        "What would you do differently next time? The reflection was one sentence and felt rehearsed.",
        "Which alternatives did you consider, and why did you reject them? The trade-off was not explained.",
        "You ran out of time before the result; the action section was twice its budget.",
        "What is a DLQ in your setup, and what was the retry policy when the consumer failed?",
        "Great answer overall, very clear and well paced, and the metric at the end was convincing.",
    };

    private static final String[] PROJECTS = {"billing migration", "search relaunch", "on-call rotation",
        "pricing experiment", "data pipeline", "mobile checkout", "fraud model", "API deprecation"};

    /**
     * A feedback text as people write them: one or two remarks, often tied to the story and the
     * mock, so that texts repeat about as rarely as in real notes (classification is a fold's
     * dearest step, and a memory of ten texts would hide it).
     */
    private static String feedbackText(Random random, int mock) {
        var text = new StringBuilder();
        if (random.nextBoolean()) {
            text.append("Mock ").append(mock).append(", the ").append(PROJECTS[random.nextInt(PROJECTS.length)])
                    .append(" story: ");
        }
        text.append(FEEDBACK[random.nextInt(FEEDBACK.length)]);
        if (random.nextInt(3) == 0) {
            text.append(' ').append(FEEDBACK[random.nextInt(FEEDBACK.length)]);
        }
        if (random.nextInt(4) == 0) {
            text.append(" Around minute ").append(1 + random.nextInt(12)).append('.');
        }
        return text.toString();
    }

    private ReplayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 100_000;
        Path report = Path.of(args.length > 1 ? args[1] : "docs/benchmarks.md");
        Path root = Path.of("").toAbsolutePath();
        Path home = Files.createTempDirectory("preptrack-replay-bench");
        int port = LaptopBenchmark.freePort();
        var child = LaptopBenchmark.Child.start(root, home, port, true);
        try {
            String token = Files.readString(home.resolve("token")).trim();
            String base = "http://127.0.0.1:" + port;
            var registry = SchemaRegistryClient.builder(base + "/registry").build();

            long generateStarted = System.nanoTime();
            long written = generate(child.kafka(), registry, events);
            double generateSeconds = seconds(generateStarted);
            System.out.printf("generated %,d events in %.1f s%n", written, generateSeconds);

            // Version 1 as a build with a new topology finds it (no state, no offsets): start-up folds
            // the log. Record at a time, it would take hours at 1M events (docs/benchmarks.md).
            child.close();
            forgetVersionOne(home);
            long startFoldStarted = System.nanoTime();
            child = LaptopBenchmark.Child.start(root, home, port, true);
            var folded = child;
            KafkaAccess kafka = child.kafka();
            double startedSeconds = seconds(startFoldStarted);
            awaitFolded(kafka, ProjectionSettings.applicationId(1), Duration.ofHours(2));
            awaitAnswers(HttpClient.newHttpClient(), base, token);
            double startFoldSeconds = seconds(startFoldStarted);
            System.out.printf("version 1 folded them at start: serving %.1f s, caught up %.1f s after the start%n",
                    startedSeconds, startFoldSeconds);
            long rssAfterStartFold = child.residentBytes();

            double consumerRate = consumerPerformance(kafka, written);
            double countRate = countTopology(kafka, home.resolve("count-state"));

            // The rebuild, with a person's writes and reads going on beside it.
            var http = HttpClient.newHttpClient();
            String rules = get(http, base + "/api/v1/rules", token);
            ObjectNode changed = (ObjectNode) JSON.readTree(rules);
            ((ObjectNode) changed.path("readiness").path("weights")).put("performance", 0.4).put("practice", 0.35)
                    .put("timing", 0.25);
            var stop = new AtomicBoolean();
            var maxRss = new AtomicLong(child.residentBytes());
            List<Long> freshness = java.util.Collections.synchronizedList(new ArrayList<>());
            Thread sampler = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        maxRss.accumulateAndGet(folded.residentBytes(), Math::max);
                        Thread.sleep(250);
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            Thread person = new Thread(() -> {
                int n = 0;
                while (!stop.get()) {
                    try {
                        freshness.add(writeThenRead(http, base, token, n++));
                        Thread.sleep(200);
                    } catch (Exception e) {
                        System.out.println("write/read failed during the rebuild: " + e);
                    }
                }
            });
            sampler.start();
            person.start();
            long classifiedAtStart = classified(http, base, token);
            long rebuildStarted = System.nanoTime();
            JsonNode published = JSON.readTree(post(http, base + "/api/v1/rules", token, changed.toString()));
            String replay = published.path("replayId").asText();
            JsonNode state;
            while (true) {
                state = JSON.readTree(get(http, base + "/api/v1/replays/" + replay, token));
                if (state.path("state").asText().equals("switched")) {
                    break;
                }
                if (state.path("state").asText().matches("failed|cancelled")) {
                    throw new IllegalStateException("the rebuild ended " + state);
                }
                Thread.sleep(200);
            }
            double rebuildSeconds = seconds(rebuildStarted);
            long classifiedInRebuild = classified(http, base, token) - classifiedAtStart;
            stop.set(true);
            sampler.join();
            person.join();
            long total = state.path("total").asLong();
            double rebuildRate = total / rebuildSeconds;
            long[] sorted = freshness.stream().mapToLong(Long::longValue).sorted().toArray();

            Map<String, String> rows = new LinkedHashMap<>();
            rows.put("history", String.format(Locale.ROOT, "%,d events (%,d offsets with the writer's markers: none here, "
                    + "written straight to the topic), %,d candidates, seed %d", written, total,
                    (written + EVENTS_PER_CANDIDATE - 1) / EVENTS_PER_CANDIDATE, SEED));
            rows.put("version 1 folded from the log at start (a new topology's start-up), start → serving / caught up",
                    String.format(Locale.ROOT, "%.1f s / %.1f s, %,.0f events/s (history written in %.1f s)",
                            startedSeconds, startFoldSeconds, written / startFoldSeconds, generateSeconds));
            rows.put("baseline: ConsumerPerformance over the events topic", rate(consumerRate));
            rows.put("baseline: a Streams app counting records per key into a persistent store, at_least_once, "
                    + "100 ms commits", rate(countRate));
            rows.put("**full rebuild, publish → switch (every projection, every candidate)**", String.format(Locale.ROOT,
                    "%.1f s, **%,.0f events/s**", rebuildSeconds, rebuildRate));
            rows.put("rebuild ÷ ConsumerPerformance (aim ≥ 0.33)", String.format(Locale.ROOT, "%.3f",
                    rebuildRate / consumerRate));
            rows.put("rebuild ÷ trivial count (aim ≥ 3)", String.format(Locale.ROOT, "%.2f", rebuildRate / countRate));
            rows.put("feedback texts classified: by version 1's start fold / during the rebuild (weights changed, themes "
                    + "did not; the person's writes during it included)", String.format(Locale.ROOT, "%,d / %,d",
                    classifiedAtStart, classifiedInRebuild));
            rows.put("resident memory of the process: after version 1's start fold / peak during the rebuild (aim ≤ 512 MiB)",
                    mib(rssAfterStartFold) + " / " + mib(maxRss.get()));
            rows.put("a person's write → visible during the rebuild: n, p50 / p99 / max (aim p99 ≤ 100 ms)",
                    sorted.length == 0 ? "none" : String.format(Locale.ROOT, "%d, %.0f / %.0f / %.0f ms", sorted.length,
                            WriteBenchmark.ms(WriteBenchmark.percentile(sorted, 50)),
                            WriteBenchmark.ms(WriteBenchmark.percentile(sorted, 99)),
                            WriteBenchmark.ms(sorted[sorted.length - 1])));
            var text = new StringBuilder(String.format(Locale.ROOT, "%n## Replay, %,d events, %s%nMachine: %d cores, %s, "
                    + "Java %s. Command: `mvn -B -pl benchmarks -am install -DskipTests && mvn -B -pl benchmarks exec:java "
                    + "-Dbenchmark=dev.preptrack.benchmarks.ReplayBenchmark -Dexec.args=\"%d\"`.%n%n| figure | value |%n|---|---|%n",
                    written, Instant.now().toString().substring(0, 16).replace('T', ' '),
                    Runtime.getRuntime().availableProcessors(), WriteBenchmark.os(), System.getProperty("java.version"),
                    events));
            rows.forEach((figure, value) -> text.append("| ").append(figure).append(" | ").append(value).append(" |\n"));
            System.out.println(text);
            Files.writeString(report, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } finally {
            child.close();
            // What the process said, phase by phase, kept for reading after the run.
            Files.copy(home.resolve("preptrack.log"), Path.of("benchmarks/target/replay-preptrack.log"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            try (var paths = Files.walk(home)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        System.exit(0);
    }

    /**
     * Writes {@code events} events straight to the events topic, as the single writer would have:
     * per candidate a story or two, attempts, feedback on about a third of them with texts of real
     * length, and now and then an edit addressing feedback; sequences and times in order.
     */
    static long generate(KafkaAccess kafka, SchemaRegistryClient registry, int events) {
        return generate(kafka, new SpecificAvroSerializer<Envelope>(registry, false), events);
    }

    /** As above, each envelope written by {@code envelopes}. */
    static long generate(KafkaAccess kafka, org.apache.kafka.common.serialization.Serializer<Envelope> envelopes,
            int events) {
        Properties props = kafka.properties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        var random = new Random(SEED);
        long written = 0;
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), envelopes)) {
            int candidates = (events + EVENTS_PER_CANDIDATE - 1) / EVENTS_PER_CANDIDATE;
            for (int c = 0; c < candidates && written < events; c++) {
                String candidate = "bench-" + c;
                Instant at = Instant.parse("2025-12-01T08:00:00Z").plusSeconds(random.nextInt(86_400));
                long sequence = 0;
                List<String> feedback = new ArrayList<>();
                int storyVersion = 1;
                int budget = (int) Math.min(EVENTS_PER_CANDIDATE, events - written);
                for (int i = 0; i < budget; i++) {
                    at = at.plusSeconds(3_600L * (6 + random.nextInt(40)));
                    Payload payload;
                    if (i == 0) {
                        payload = new StoryCreated("s1", "The migration", "star", Map.of("situation",
                                "We had a monolith nobody could deploy on Fridays", "action", "I split out the billing service"),
                                List.of("backend"), "Tell me about a time you led a change", List.of());
                    } else if (!feedback.isEmpty() && random.nextInt(100) < 7) {
                        payload = new StoryEdited("s1", storyVersion, ++storyVersion, Map.of(STAR[random.nextInt(5)],
                                "Rewritten after feedback: " + FEEDBACK[random.nextInt(FEEDBACK.length)]),
                                List.of(feedback.remove(random.nextInt(feedback.size()))), "tightened");
                    } else if (i > 1 && random.nextInt(100) < 33) {
                        String id = "f" + i;
                        feedback.add(id);
                        payload = new FeedbackReceived(id, new FeedbackReceived.Source("Coach " + random.nextInt(4),
                                FeedbackReceived.Source.Role.values()[random.nextInt(4)]), feedbackText(random, i),
                                null, "s1", "star", STAR[random.nextInt(5)], 1 + random.nextInt(5));
                    } else {
                        List<PracticeAttemptLogged.SectionPractice> sections = new ArrayList<>();
                        for (String section : STAR) {
                            sections.add(new PracticeAttemptLogged.SectionPractice(section, random.nextInt(10) == 0 ? 0
                                    : 20 + random.nextInt(120), 1 + random.nextInt(5)));
                        }
                        payload = new PracticeAttemptLogged("a" + i, "s1", storyVersion, "star", null,
                                PracticeAttemptLogged.Mode.values()[random.nextInt(4)], 1 + random.nextInt(5), sections);
                    }
                    var event = new Event(UUID.nameUUIDFromBytes((candidate + "/" + i).getBytes(StandardCharsets.UTF_8))
                            .toString(), candidate, ++sequence, at, at, new Actor(candidate, Actor.Role.CANDIDATE),
                            "bench-" + c + "-" + i, payload);
                    producer.send(new ProducerRecord<>(Subjects.EVENTS_TOPIC, candidate, EventCodec.encode(event)));
                    written++;
                }
            }
            producer.flush();
        }
        return written;
    }

    /** Deletes version 1's offsets, changelogs, outputs and state, as a build with another topology finds them. */
    private static void forgetVersionOne(Path home) throws InterruptedException {
        String set = ProjectionSettings.applicationId(1);
        try (var broker = EmbeddedKafkaBroker.start(home, 0, Duration.ofSeconds(60))) {
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            // The stopped instance stays a (static) member of the group until its session times out.
            while (!SetRetirement.deleteEverywhere(broker.kafka(), set, ProjectionSet.outputTopics(1))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("version 1's group still has members");
                }
                Thread.sleep(1000);
            }
        }
        ProjectionSet.deleteState(home.resolve("state"), set);
    }

    /** Until the readiness of a candidate answers (version 1's stores restored and serving). */
    private static void awaitAnswers(HttpClient http, String base, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + "/api/v1/candidates/bench-0/readiness"))
                .header("Authorization", "Bearer " + token).build();
        while (http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() != 200) {
            Thread.sleep(100);
        }
    }

    private static void awaitFolded(KafkaAccess kafka, String applicationId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (var catchUp = CatchUp.toEndOf(kafka, Subjects.EVENTS_TOPIC, applicationId)) {
            while (catchUp.behind() > 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(applicationId + " did not catch up within " + timeout);
                }
                Thread.sleep(200);
            }
        }
    }

    /** Kafka's own consumer over the events topic: records/s, as {@code nMsg.sec} in its output. */
    static double consumerPerformance(KafkaAccess kafka, long records) throws Exception {
        Path config = Files.createTempFile("bench-consumer", ".properties",
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        PrintStream original = System.out;
        var captured = new ByteArrayOutputStream();
        try {
            try (var out = Files.newBufferedWriter(config)) {
                kafka.properties().store(out, null);
            }
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            ConsumerPerformance.main(new String[] {"--bootstrap-server", kafka.bootstrapServers(), "--topic",
                Subjects.EVENTS_TOPIC, "--messages", String.valueOf(records), "--command-config", config.toString(),
                "--group", "bench-consumer-performance-" + UUID.randomUUID(), "--timeout", "60000"});
        } finally {
            System.setOut(original);
            Files.deleteIfExists(config);
        }
        // start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, ...
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        String header = lines.stream().filter(l -> l.contains("nMsg.sec")).findFirst().orElseThrow(() ->
                new IllegalStateException("no ConsumerPerformance summary in: " + lines));
        String values = lines.get(lines.indexOf(header) + 1);
        List<String> names = List.of(header.split(",\\s*"));
        double rate = Double.parseDouble(values.split(",\\s*")[names.indexOf("nMsg.sec")]);
        System.out.println("ConsumerPerformance: " + values);
        return rate;
    }

    /** A Streams app that counts records per key into a persistent store: records/s from start to caught up. */
    static double countTopology(KafkaAccess kafka, Path stateDir) throws Exception {
        var topology = new Topology();
        topology.addSource("events", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
                Subjects.EVENTS_TOPIC);
        topology.addProcessor("count", () -> new Processor<String, byte[], Void, Void>() {
            private KeyValueStore<String, Long> counts;

            @Override
            public void init(ProcessorContext<Void, Void> context) {
                counts = context.getStateStore("counts");
            }

            @Override
            public void process(Record<String, byte[]> record) {
                Long count = counts.get(record.key());
                counts.put(record.key(), count == null ? 1 : count + 1);
            }
        }, "events");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("counts"), Serdes.String(),
                Serdes.Long()), "count");
        Properties props = kafka.properties();
        String applicationId = "bench-count-" + UUID.randomUUID();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        try (var catchUp = CatchUp.toEndOf(kafka, Subjects.EVENTS_TOPIC, applicationId);
                var streams = new KafkaStreams(topology, props)) {
            long started = System.nanoTime();
            streams.start();
            while (catchUp.behind() > 0) {
                Thread.sleep(100);
            }
            double rate = catchUp.total() / seconds(started);
            System.out.printf(Locale.ROOT, "count topology: %,.0f records/s%n", rate);
            return rate;
        }
    }

    /** An attempt written, then readiness read with its position: how long until the write shows. */
    private static long writeThenRead(HttpClient http, String base, String token, int n) throws Exception {
        String body = "{\"rubric\": \"star\", \"mode\": \"solo\", \"sections\": [{\"section\": \"situation\", "
                + "\"seconds\": " + (30 + n % 40) + ", \"selfScore\": 3}]}";
        JsonNode written = JSON.readTree(post(http, base + "/api/v1/candidates/bench-person/attempts", token, body));
        long started = System.nanoTime();
        get(http, base + "/api/v1/candidates/bench-person/readiness?after=" + written.path("position").asText(), token);
        return System.nanoTime() - started;
    }

    /** {@code preptrack_themes_classified_total}: feedback texts the process really classified so far. */
    private static long classified(HttpClient http, String base, String token) throws Exception {
        var matcher = java.util.regex.Pattern.compile("(?m)^preptrack_themes_classified_total(?:\\{[^}]*\\})? (\\S+)$")
                .matcher(get(http, base + "/metrics", token));
        return matcher.find() ? (long) Double.parseDouble(matcher.group(1)) : -1;
    }

    private static String get(HttpClient http, String url, String token) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static String post(HttpClient http, String url, String token, String body) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + url + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f records/s", perSecond);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.0f MiB", bytes / (1024.0 * 1024));
    }
}
