package dev.preptrack.benchmarks;

import dev.preptrack.events.Actor;
import dev.preptrack.events.ActorRole;
import dev.preptrack.events.Envelope;
import dev.preptrack.events.FeedbackReceived;
import dev.preptrack.events.FeedbackSource;
import dev.preptrack.events.FeedbackSourceRole;
import dev.preptrack.events.PracticeAttemptLogged;
import dev.preptrack.events.PracticeMode;
import dev.preptrack.events.SectionPractice;
import dev.preptrack.events.StoryCreated;
import dev.preptrack.schemas.codec.ExportFormat;
import dev.preptrack.ui.Preptrack;
import dev.preptrack.ui.config.ConfigResolver;
import java.io.BufferedWriter;
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
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Restoring an export: a 100,000-event file (a few stories, then attempts and feedback on them)
 * posted to {@code POST …/imports} as {@code application/x-ndjson}, timed until the answer, which
 * comes once every event is committed to the log. The baseline, on the same broker in the same
 * run, is Kafka's ProducerPerformance with acks=all and records the size of an average line.
 * Prints the figures and appends them, with the machine, to the file named by the first argument.
 */
public final class RestoreBenchmark {

    private static final int EVENTS = 100_000;
    private static final String[] SECTIONS = {"situation", "task", "action", "result", "reflection"};

    public static void main(String[] args) throws Exception {
        Path report = Path.of(args.length > 0 ? args[0] : "docs/benchmarks.md");
        Path home = Files.createTempDirectory("preptrack-bench");
        Path file = Files.createTempFile("preptrack-bench-export", ".ndjson");
        long bytes = writeExport(file, "bench-restore");
        int averageLine = (int) (bytes / EVENTS);
        var config = new ConfigResolver(Map.of("home", home.toString(), "port", "0"), Map.of()).resolve();
        try (var preptrack = Preptrack.start(config)) {
            // The baseline first, on a quiet broker: after a restore the projections are still folding
            // its events, and a baseline measured beside them would flatter the ratio. The second of
            // two runs, so it too runs warm.
            WriteBenchmark.producerPerformance(preptrack.kafka(), "bench.producer-performance-warm",
                    EVENTS, averageLine);
            double producerRate = WriteBenchmark.producerPerformance(preptrack.kafka(),
                    "bench.producer-performance-restore", EVENTS, averageLine);
            var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String url = "http://127.0.0.1:" + preptrack.port() + "/api/v1/candidates/bench-restore/imports";
            // Warm up the path (class loading, JIT, the registry's schema ids) on another candidate.
            Path warmUp = Files.createTempFile("preptrack-bench-warm", ".ndjson");
            writeExport(warmUp, "bench-warm", 5_000);
            post(http, url.replace("bench-restore", "bench-warm"), preptrack.token().value(), warmUp);
            Files.delete(warmUp);

            long started = System.nanoTime();
            String answer = post(http, url, preptrack.token().value(), file);
            double seconds = (System.nanoTime() - started) / 1e9;
            double eventsPerSecond = EVENTS / seconds;
            System.out.println("restore: " + answer);

            long again = System.nanoTime();
            post(http, url, preptrack.token().value(), file);
            double againSeconds = (System.nanoTime() - again) / 1e9;

            String figures = String.format("""

                    ## Restore, %s
                    Machine: %d cores, %s, Java %s. Command: `mvn -B -pl benchmarks -am install -DskipTests && mvn -B -pl benchmarks exec:java -Dbenchmark=dev.preptrack.benchmarks.RestoreBenchmark`.

                    | figure | value |
                    |---|---|
                    | file | %d events, %.1f MB, %d bytes a line on average |
                    | restore into an empty candidate, until the answer (all committed) | %.1f s, %.0f events/s |
                    | the same file again (appends nothing) | %.1f s |
                    | baseline: ProducerPerformance acks=all, %d records of %d bytes, same broker (fsync per append, as preptrack runs it), second of two runs | %.0f records/s |
                    | ratio: restored events/s ÷ ProducerPerformance records/s (aim ≥ 0.1) | %.3f |
                    """, Instant.now().toString().substring(0, 16).replace('T', ' '),
                    Runtime.getRuntime().availableProcessors(), WriteBenchmark.os(), System.getProperty("java.version"),
                    EVENTS, bytes / 1e6, averageLine, seconds, eventsPerSecond, againSeconds, EVENTS, averageLine,
                    producerRate, eventsPerSecond / producerRate);
            System.out.println(figures);
            Files.writeString(report, figures, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } finally {
            Files.deleteIfExists(file);
            try (var paths = Files.walk(home)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        System.exit(0);
    }

    private static String post(HttpClient http, String url, String token, Path file) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(20))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build();
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 201 && answer.statusCode() != 200) {
            throw new IllegalStateException("restore failed: " + answer.statusCode() + " " + answer.body());
        }
        return answer.body();
    }

    private static long writeExport(Path file, String candidate) throws Exception {
        return writeExport(file, candidate, EVENTS);
    }

    /** A deterministic history: five stories, then attempts on them, every third followed by feedback. */
    private static long writeExport(Path file, String candidate, int events) throws Exception {
        var random = new Random(42);
        Instant at = Instant.parse("2025-12-01T08:00:00Z");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (long sequence = 1; sequence <= events; sequence++) {
                at = at.plusSeconds(60 + random.nextInt(600));
                Object payload;
                String story = "story-" + (sequence % 5);
                if (sequence <= 5) {
                    payload = StoryCreated.newBuilder().setStoryId("story-" + (sequence - 1) % 5)
                            .setTitle("Story " + sequence).setRubric("star")
                            .setSections(Map.of("situation", "Checkout paged 40 times a week", "action",
                                    "Grouped the alerts and paged on symptoms only"))
                            .setTags(List.of()).setPrompt(null).setNotes(List.of()).build();
                } else if (sequence % 3 == 0 && sequence > 6) {
                    payload = FeedbackReceived.newBuilder().setFeedbackId("f-" + sequence)
                            .setSource(new FeedbackSource("coach anna", FeedbackSourceRole.COACH))
                            .setText("numbers? what was the baseline before the change").setAttemptId("a-" + (sequence - 1))
                            .setStoryId(story).setRubric("star").setSection(SECTIONS[random.nextInt(SECTIONS.length)])
                            .setScore(1 + random.nextInt(5)).build();
                } else {
                    payload = PracticeAttemptLogged.newBuilder().setAttemptId("a-" + sequence).setStoryId(story)
                            .setStoryVersion(1).setRubric("star").setPrompt("Tell me about a time you reduced toil")
                            .setMode(PracticeMode.SOLO).setSelfScore(1 + random.nextInt(5))
                            .setSections(List.of(new SectionPractice("situation", 30 + random.nextInt(40), 3),
                                    new SectionPractice("action", 60 + random.nextInt(80), 4)))
                            .build();
                }
                Envelope event = Envelope.newBuilder().setEventId(UUID.nameUUIDFromBytes((candidate + sequence)
                        .getBytes(StandardCharsets.UTF_8)).toString()).setCandidateId(candidate).setSequence(sequence)
                        .setOccurredAt(at).setRecordedAt(at.plusSeconds(2)).setActor(new Actor(candidate,
                                ActorRole.CANDIDATE)).setCommandId("cmd-" + sequence).setPayload(payload).build();
                out.write(ExportFormat.line(event));
                out.write('\n');
            }
        }
        return Files.size(file);
    }
}
