package dev.preptrack.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.preptrack.events.Envelope;
import dev.preptrack.events.StoryCreated;
import dev.preptrack.ui.backbones.ExternalBackbone;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault table's outages against a preptrack that embeds nothing: the broker gone under
 * write load, and the registry gone while the broker stays up. Writes are answered 503 with
 * Retry-After and never 2xx unless their event is in the log; reads keep answering from the
 * local stores; all resumes when the service returns, and each acknowledged write is in the
 * log exactly once. Each backbone (a broker process, containers) is a subclass.
 */
@Tag("integration")
@Tag("fault")
@Timeout(240)
abstract class OutageContract {

    private static final String CANDIDATE = "c1";

    @TempDir
    Path home;
    @TempDir
    Path backboneData;
    ExternalBackbone backbone;

    abstract ExternalBackbone startBackbone(Path dataDir);

    @BeforeEach
    void startBackbone() {
        backbone = startBackbone(backboneData);
    }

    @AfterEach
    void stopBackbone() {
        backbone.close();
    }

    @Test
    void with_the_broker_gone_writes_are_503_reads_answer_and_all_resumes_with_nothing_acknowledged_lost()
            throws Exception {
        try (var preptrack = Preptrack.start(backbone.preptrackIn(home))) {
            var api = new Api(preptrack.port(), preptrack.token().value());
            var load = new WriteLoad(api, CANDIDATE, 2);
            try (load) {
                await().atMost(Duration.ofSeconds(60)).until(() -> load.count(201, 0) >= 10);
                // Reads without after= are as fresh as the projections: wait until they show at least these.
                await().atMost(Duration.ofSeconds(30)).until(() -> storyCount(api) >= 10);
                int shownBefore = storyCount(api);

                backbone.stopBroker();
                long stoppedAt = System.nanoTime();
                await().atMost(Duration.ofSeconds(30)).until(() -> load.count(503, stoppedAt) >= 4);
                long firstRefusal = System.nanoTime();

                var stories = api.get("/api/v1/candidates/" + CANDIDATE + "/stories");
                assertThat(stories.status()).as("a read without after= during the outage: %s", stories).isEqualTo(200);
                assertThat(stories.json().path("stories").size()).isGreaterThanOrEqualTo(shownBefore);
                var unreached = api.get("/api/v1/candidates/" + CANDIDATE + "/stories?after=999999999");
                assertThat(unreached.status()).as("%s", unreached).isEqualTo(503);
                assertThat(unreached.response().headers().firstValue("Retry-After")).isPresent();

                // Long enough for every timeout on the way (producer delivery, result wait, transaction commit).
                await().pollDelay(Duration.ofSeconds(15)).atMost(Duration.ofSeconds(20)).until(() -> true);
                long acceptedDuring = load.attempts().stream()
                        .filter(a -> a.acknowledged() && a.startedNanos() > firstRefusal).count();
                assertThat(acceptedDuring).as("writes acknowledged while the broker was down").isZero();

                backbone.startBroker();
                long restartedAt = System.nanoTime();
                await().atMost(Duration.ofSeconds(60)).until(() -> load.count(201, restartedAt) >= 10);
                long firstAfter = load.attempts().stream().filter(a -> a.status() == 201 && a.startedNanos() > restartedAt)
                        .mapToLong(a -> a.startedNanos() + a.tookMillis() * 1_000_000).min().orElseThrow();
                long firstRefused = load.attempts().stream().filter(a -> a.status() == 503)
                        .mapToLong(a -> a.startedNanos() + a.tookMillis() * 1_000_000).min().orElseThrow();
                System.out.printf("outage: first 503 answered %d ms after the broker went; writes acknowledged again "
                        + "%d ms after it returned%n", (firstRefused - stoppedAt) / 1_000_000,
                        (firstAfter - restartedAt) / 1_000_000);
            }
            List<WriteLoad.Attempt> answered = load.attempts();
            report(answered);

            assertThat(answered).extracting(WriteLoad.Attempt::status).allMatch(s -> s == 201 || s == 503);
            assertThat(answered).filteredOn(a -> a.status() == 503).allMatch(WriteLoad.Attempt::retryAfter);

            // What was refused is retried with its key: the client learns its fate, and nothing doubles.
            for (WriteLoad.Attempt refused : answered.stream().filter(a -> a.status() == 503).toList()) {
                var retry = WriteLoad.write(api, CANDIDATE, refused.storyId());
                assertThat(retry.status()).as("retry of %s: %s", refused.storyId(), retry).isEqualTo(201);
            }
            Map<String, Long> inLog = storyIdsInLog();
            assertThat(inLog).as("every acknowledged write is in the log exactly once")
                    .containsOnlyKeys(answered.stream().map(WriteLoad.Attempt::storyId).toList())
                    .allSatisfy((storyId, times) -> assertThat(times).as(storyId).isEqualTo(1L));
            var after = api.get("/api/v1/candidates/" + CANDIDATE + "/stories");
            assertThat(after.json().path("stories").size()).isEqualTo(answered.size());
        }
    }

    @Test
    void with_the_registry_gone_a_write_that_needs_it_is_503_reads_answer_and_all_resumes() {
        try (var preptrack = Preptrack.start(backbone.preptrackIn(home))) {
            var api = new Api(preptrack.port(), preptrack.token().value());

            // This process has not yet written a command or an event: their schema ids are not in its cache.
            backbone.stopRegistry();
            long started = System.nanoTime();
            var cold = WriteLoad.write(api, CANDIDATE, "during-cold");
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("registry outage: a write needing the registry answered %d in %d ms%n", cold.status(),
                    tookMillis);
            assertThat(cold.status()).as("%s", cold).isEqualTo(503);
            assertThat(cold.response().headers().firstValue("Retry-After")).isPresent();
            assertThat(cold.contentType()).startsWith("application/problem+json");

            backbone.startRegistry();
            assertThat(WriteLoad.write(api, CANDIDATE, "during-cold").status()).as("the refused write, retried")
                    .isEqualTo(201);
            var before = WriteLoad.write(api, CANDIDATE, "before");
            assertThat(before.status()).isEqualTo(201);
            // The projections have folded it: the schemas of their stores are in this process's cache too.
            assertThat(api.get("/api/v1/candidates/" + CANDIDATE + "/stories?after="
                    + before.json().path("position").asText()).status()).isEqualTo(200);

            // Now every schema id this process writes and reads is cached: the projections keep folding,
            // and a write whose event can be encoded without asking the registry is durable, so 201 is honest.
            backbone.stopRegistry();
            var warm = WriteLoad.write(api, CANDIDATE, "during-warm");
            assertThat(warm.status()).as("%s", warm).isEqualTo(201);
            var read = api.get("/api/v1/candidates/" + CANDIDATE + "/stories?after="
                    + warm.json().path("position").asText());
            assertThat(read.status()).as("%s", read).isEqualTo(200);
            assertThat(read.json().path("stories").findValuesAsText("storyId"))
                    .containsExactlyInAnyOrder("during-cold", "before", "during-warm");
            backbone.startRegistry();

            assertThat(storyIdsInLog()).containsOnly(Map.entry("during-cold", 1L), Map.entry("before", 1L),
                    Map.entry("during-warm", 1L));
        }
    }

    private static int storyCount(Api api) {
        return api.get("/api/v1/candidates/" + CANDIDATE + "/stories").json().path("stories").size();
    }

    private Map<String, Long> storyIdsInLog() {
        return EventLog.events(backbone.kafka(), backbone.registryUrl()).stream()
                .filter(event -> event.getCandidateId().equals(CANDIDATE))
                .map(Envelope::getPayload).filter(StoryCreated.class::isInstance)
                .map(payload -> ((StoryCreated) payload).getStoryId())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static void report(List<WriteLoad.Attempt> answered) {
        var refused = answered.stream().filter(a -> a.status() == 503).mapToLong(WriteLoad.Attempt::tookMillis)
                .summaryStatistics();
        var accepted = answered.stream().filter(a -> a.status() == 201).mapToLong(WriteLoad.Attempt::tookMillis)
                .summaryStatistics();
        System.out.printf("outage: %d writes acknowledged (max %d ms), %d refused with 503 (min %d, max %d ms)%n",
                accepted.getCount(), accepted.getMax(), refused.getCount(), refused.getMin(), refused.getMax());
    }
}
