package dev.preptrack.ui;

import static dev.preptrack.ui.WriteApiTest.aStory;
import static dev.preptrack.ui.WriteApiTest.anAttempt;
import static dev.preptrack.ui.WriteApiTest.path;
import static org.assertj.core.api.Assertions.assertThat;

import dev.preptrack.events.Envelope;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data directory's disk full, on a real (small) filesystem: a tmpfs of its own, with
 * {@code preptrack up} as a child process on a home inside it. Under the reserve, writes are
 * refused with 507 and nothing of them is written; once space is freed the same request goes
 * through. When something else fills the disk to the last byte, the embedded broker halts the
 * process (Kafka's answer to its only log directory failing); then nothing unacknowledged was
 * ever answered 2xx, and a restart after freeing space has every acknowledged write, once.
 */
@Tag("integration")
@Tag("fault")
@Timeout(180)
class DiskFullTest {

    private static final Duration START = Duration.ofSeconds(120);
    private static final String CANDIDATE = "cand-disk";
    /** The fresh state stores preallocate ~170 MiB (a 4 MiB RocksDB MANIFEST per store); room to spare above it. */
    private static final int DISK_MIB = 400;
    private static final long MIB = 1024 * 1024;

    @TempDir
    Path root;

    @Test
    void under_the_reserve_a_write_is_refused_with_507_and_goes_through_once_space_is_freed() throws Exception {
        try (var disk = Tmpfs.mount(root.resolve("disk"), DISK_MIB)) {
            Path home = disk.dir().resolve("home");
            Path filler = disk.dir().resolve("filler");
            try (var preptrack = PreptrackProcess.start(home, START)) {
                Api api = preptrack.api();
                var story = api.post(path(CANDIDATE, "/stories"), aStory("oncall"), "Idempotency-Key", "s-1");
                assertThat(story.status()).as("%s", story).isEqualTo(201);

                // Under the 64 MiB reserve, far from full: the guard, not the disk, must refuse.
                disk.fillUntil(filler, 16 * MIB);
                Thread.sleep(1_100); // the guard's view of the free space is at most a second old
                var refused = api.post(path(CANDIDATE, "/attempts"), anAttempt(), "Idempotency-Key", "a-1");
                assertThat(refused.status()).as("%s", refused).isEqualTo(507);
                assertThat(refused.contentType()).startsWith("application/problem+json");
                assertThat(refused.json().path("title").asText()).isEqualTo("Insufficient Storage");
                assertThat(refused.json().path("detail").asText()).contains("MiB are free").contains(home.toString())
                        .contains("Free space").contains("nothing was written");
                assertThat(refused.json().path("usableBytes").asLong())
                        .isLessThan(refused.json().path("reserveBytes").asLong()).isPositive();
                assertThat(refused.json().path("reserveBytes").asLong()).isEqualTo(64 * MIB);

                var health = api.get("/health");
                assertThat(health.status()).as("%s", health).isEqualTo(503);
                assertThat(health.json().path("components").path("disk").path("status").asText()).isEqualTo("DOWN");
                assertThat(health.json().path("components").path("disk").path("detail").asText())
                        .contains("low disk").contains("writes are refused (507)");
                // Reads still answer, and nothing of the refused write reached the log.
                var stories = api.get(path(CANDIDATE, "/stories"));
                assertThat(stories.status()).as("%s", stories).isEqualTo(200);
                assertThat(EventLog.events(preptrack.kafka(), preptrack.registryUrl)).hasSize(1);

                Files.delete(filler);
                Thread.sleep(1_100);
                var accepted = api.post(path(CANDIDATE, "/attempts"), anAttempt(), "Idempotency-Key", "a-1");
                assertThat(accepted.status()).as("%s", accepted).isEqualTo(201);
                // Not a replay: the refused request had left no command behind to answer from.
                assertThat(accepted.json().path("replayed").asBoolean()).isFalse();
                assertThat(api.get("/health").status()).isEqualTo(200);
                assertThat(EventLog.events(preptrack.kafka(), preptrack.registryUrl))
                        .extracting(Envelope::getSequence).containsExactly(1L, 2L);
            }
        }
    }

    @Test
    @org.junit.jupiter.api.Disabled("known defect, open: after the disk fills to the last byte and preptrack halts, the "
            + "restarted writer can answer an unacknowledged key as done while its event is not in the log (it failed so "
            + "on 2026-12-02 also at commit e07698f, before the rules work). One cause, a faulting memory-mapped index "
            + "write, now aborts the JVM (EmbeddedKafkaBroker.JVM_OPTIONS); another remains. docs/architecture.md, "
            + "'A full disk'. The case under the reserve (507) still runs.")
    void a_disk_filled_to_the_last_byte_by_something_else_stops_preptrack_and_a_restart_keeps_every_acknowledged_write()
            throws Exception {
        try (var disk = Tmpfs.mount(root.resolve("disk"), DISK_MIB)) {
            Path home = disk.dir().resolve("home");
            Path filler = disk.dir().resolve("filler");
            Map<String, Integer> answers = new ConcurrentHashMap<>();
            // No reserve here: with it, every write is refused (507) once the disk is full and only the
            // controller's small appends remain to meet the full disk, which may take longer than the
            // wait below (CI saw it). Without it the writer's own appends meet it at once.
            Files.createDirectories(home);
            Files.writeString(home.resolve("config.properties"), "disk.reserve=0\n");
            var first = PreptrackProcess.start(home, START);
            String log;
            try {
                Api api = first.api();
                var story = api.post(path(CANDIDATE, "/stories"), aStory("oncall"), "Idempotency-Key", "w-0");
                assertThat(story.status()).as("%s", story).isEqualTo(201);
                answers.put("w-0", story.status());
                var writing = new AtomicBoolean(true);
                Thread writer = new Thread(() -> {
                    for (int i = 1; writing.get() && i < 2_000; i++) {
                        String key = "w-" + i;
                        try {
                            answers.put(key, api.post(path(CANDIDATE, "/attempts"), anAttempt(), "Idempotency-Key", key)
                                    .status());
                        } catch (UncheckedIOException | IllegalStateException noAnswer) {
                            answers.put(key, -1); // the process went away mid-request
                            return;
                        }
                    }
                });
                writer.start();
                Thread.sleep(1_000);
                disk.fillCompletely(filler);
                assertThat(disk.usableBytes()).isLessThan(MIB);
                // Kafka takes its only log directory offline at the first append it cannot write (the
                // controller appends to its metadata log twice a second even when idle) and halts.
                OptionalInt exit = first.awaitExit(Duration.ofSeconds(60));
                writing.set(false);
                writer.join(30_000);
                log = first.log();
                assertThat(exit).as("preptrack should stop on a full disk; its log:%n%s", log).isPresent();
                assertThat(exit.getAsInt()).isNotZero();
            } finally {
                first.kill();
            }
            assertThat(log).contains("preptrack: the embedded Kafka broker stopped the process")
                    .contains("disk is full").contains("Free space there and start preptrack again");
            List<String> acknowledged = answers.entrySet().stream().filter(answer -> answer.getValue() / 100 == 2)
                    .map(Map.Entry::getKey).sorted().toList();
            List<String> unanswered = answers.entrySet().stream().filter(answer -> answer.getValue() / 100 != 2)
                    .map(Map.Entry::getKey).sorted().toList();
            assertThat(answers.values()).as("every answer was a success, a 503 or 507, or none at all")
                    .allMatch(status -> status == -1 || status / 100 == 2 || status == 503 || status == 507);
            assertThat(acknowledged).hasSizeGreaterThan(1);

            Files.delete(filler);
            try (var second = PreptrackProcess.start(home, START)) {
                Map<String, Long> logged = EventLog.events(second.kafka(), second.registryUrl).stream()
                        .collect(Collectors.groupingBy(Envelope::getCommandId, Collectors.counting()));
                assertThat(logged.keySet()).as("every write answered 2xx is in the log").containsAll(acknowledged);
                // Every other one is either absent or in the log once; a retry with its key learns which.
                Api api = second.api();
                for (String key : unanswered) {
                    var retried = api.post(path(CANDIDATE, "/attempts"), anAttempt(), "Idempotency-Key", key);
                    assertThat(retried.status()).as("%s: %s", key, retried).isEqualTo(201);
                    assertThat(retried.json().path("replayed").asBoolean()).isEqualTo(logged.containsKey(key));
                }
                List<Envelope> events = EventLog.events(second.kafka(), second.registryUrl);
                assertThat(events).extracting(Envelope::getCommandId).doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(new ArrayList<>(answers.keySet()));
                assertThat(events).extracting(Envelope::getSequence)
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, events.size()).boxed().toList());
            }
        }
    }
}
