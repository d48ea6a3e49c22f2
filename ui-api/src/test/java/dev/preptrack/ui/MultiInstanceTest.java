package dev.preptrack.ui;

import static dev.preptrack.ui.WriteApiTest.path;
import static org.assertj.core.api.Assertions.assertThat;

import dev.preptrack.ui.config.ConfigResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two instances on one Kafka cluster and registry (the first one's embedded backbone), sharing
 * the token: the projections' partitions are split between them, and a read sent to either
 * instance is answered for any candidate, through the owner when it is the other one.
 */
@Tag("integration")
@Timeout(300)
class MultiInstanceTest {

    @RegisterExtension
    // The embedded default is one partition (one instance folds everything); sharing needs several.
    static final RunningPreptrack FIRST = new RunningPreptrack(Map.of("event.partitions", "6"));
    static Preptrack second;
    static Path secondHome;

    @BeforeAll
    static void startASecondInstance() throws IOException {
        var first = FIRST.preptrack();
        secondHome = Files.createTempDirectory("preptrack-second");
        second = Preptrack.start(new ConfigResolver(Map.of("home", secondHome.toString(), "port", "0",
                "bootstrap.servers", first.kafka().bootstrapServers(),
                "kafka.properties", first.kafkaClientSettings().orElseThrow().toString(),
                "schema.registry.url", first.registryUrl(),
                "schema.registry.user.info", "second:" + first.token().value(), "token", first.token().value()),
                Map.of()).resolve());
    }

    @AfterAll
    static void stopTheSecondInstance() {
        if (second != null) {
            second.close();
        }
        try (var paths = Files.walk(secondHome)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void either_instance_answers_reads_for_every_candidate_forwarding_to_the_owner() {
        Api viaFirst = FIRST.api();
        Api viaSecond = new Api(second.port(), second.token().value());
        Set<String> answeredByOther = new HashSet<>();
        for (int c = 0; c < 12; c++) {
            String candidate = "cohort-" + c;
            for (int i = 1; i <= 2; i++) {
                var written = (i % 2 == 0 ? viaSecond : viaFirst).post(path(candidate, "/feedback"),
                        "{\"text\": \"numbers? (" + i + ")\", \"source\": {\"name\": \"coach\", \"role\": \"coach\"}}");
                assertThat(written.status()).as("%s", written).isEqualTo(201);
                String after = written.json().path("position").asText();
                for (Api api : new Api[] {viaFirst, viaSecond}) {
                    var read = readWhileRebalancing(api, path(candidate, "/themes?after=" + after));
                    assertThat(read.json().path("themes").get(0).path("count").asInt()).as(candidate).isEqualTo(i);
                    read.response().headers().firstValue("X-Preptrack-Answered-By").ifPresent(answeredByOther::add);
                }
            }
        }
        // Both instances forwarded some reads, each to the other one.
        assertThat(answeredByOther).containsExactlyInAnyOrder("127.0.0.1:" + FIRST.preptrack().port(),
                "127.0.0.1:" + second.port());
    }

    @Test
    void a_request_forwarded_to_an_instance_that_does_not_own_the_candidate_is_told_to_retry_not_answered_empty() {
        Api viaFirst = FIRST.api();
        for (int c = 0; c < 12; c++) {
            String candidate = "elsewhere-" + c;
            var written = viaFirst.post(path(candidate, "/feedback"),
                    "{\"text\": \"numbers?\", \"source\": {\"name\": \"coach\", \"role\": \"coach\"}}");
            var forwarded = readWhileRebalancing(viaFirst, path(candidate, "/themes?after=" + written.json().path("position").asText()));
            if (forwarded.response().headers().firstValue("X-Preptrack-Answered-By").isPresent()) {
                // The first instance does not own this candidate: a request claiming to be forwarded must not be
                // answered from its store (which lacks the candidate), nor forwarded again.
                var stale = viaFirst.send("GET", path(candidate, "/themes"), null, "X-Preptrack-Forwarded", "1");
                assertThat(stale.status()).as("%s", stale).isEqualTo(503);
                assertThat(stale.response().headers().firstValue("Retry-After")).isPresent();
                return;
            }
        }
        throw new AssertionError("the second instance owns none of twelve candidates");
    }

    /** While partitions move between the instances a read may be told to retry (503); it must not be wrong. */
    private static Api.Answer readWhileRebalancing(Api api, String path) {
        var last = new AtomicReference<Api.Answer>();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            var answer = api.get(path);
            assertThat(answer.status()).as("%s", answer).isIn(200, 503);
            last.set(answer);
            return answer.status() == 200;
        });
        return last.get();
    }
}
