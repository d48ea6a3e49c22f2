package dev.preptrack.ui;

import static dev.preptrack.ui.WriteApiTest.aStory;
import static dev.preptrack.ui.WriteApiTest.anAttempt;
import static dev.preptrack.ui.WriteApiTest.path;
import static org.assertj.core.api.Assertions.assertThat;

import dev.preptrack.events.Envelope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing acknowledged is lost, nothing is appended twice, and retries keep their meaning,
 * through a SIGKILL of the whole process (broker, writer, projections) and a restart on the
 * same data directory; and once the restart says it is healthy, its read models have caught up.
 */
@Tag("integration")
@Timeout(400)
class CrashRecoveryTest {

    private static final Duration START = Duration.ofSeconds(120);
    private static final String CANDIDATE = "cand-crash";

    @TempDir
    Path home;

    @Test
    void every_acknowledged_write_is_in_the_log_exactly_once_after_a_kill_and_restart() throws Exception {
        int writes = 60;
        List<String> acknowledged = new ArrayList<>();
        String firstBody = anAttempt().replace("\"selfScore\": 3", "\"selfScore\": 1");
        String firstEventId;

        var before = PreptrackProcess.start(home, START);
        try {
            Api api = before.api();
            var story = api.post(path(CANDIDATE, "/stories"), aStory("oncall"), "Idempotency-Key", "w-0");
            assertThat(story.status()).as("%s", story).isEqualTo(201);
            acknowledged.add(story.json().path("eventId").asText());
            var first = api.post(path(CANDIDATE, "/attempts"), firstBody, "Idempotency-Key", "w-1");
            firstEventId = first.json().path("eventId").asText();
            acknowledged.add(firstEventId);
            for (int i = 2; i < writes; i++) {
                var answer = api.post(path(CANDIDATE, "/attempts"), anAttempt(), "Idempotency-Key", "w-" + i);
                assertThat(answer.status()).as("%s", answer).isEqualTo(201);
                acknowledged.add(answer.json().path("eventId").asText());
            }
        } finally {
            before.kill();
        }

        try (var after = PreptrackProcess.start(home, START)) {
            // Healthy means caught up: the first read, without `after`, already sees every attempt. (At
            // this size the projections happen to catch up before the writer runs, so this passed before
            // start-up waited for them too; CatchUpTest is what shows that wait works.)
            var readiness = after.api().get(path(CANDIDATE, "/readiness?rubric=star")).json();
            assertThat(readiness.path("rubrics").get(0).path("sections")).filteredOn(
                    section -> section.path("section").asText().equals("situation"))
                    .singleElement().satisfies(section -> assertThat(section.path("attempts").asInt())
                            .isEqualTo(writes - 1));
            List<Envelope> events = EventLog.events(after.kafka(), after.registryUrl);

            assertThat(events).extracting(Envelope::getEventId).containsExactlyElementsOf(acknowledged);
            assertThat(events).extracting(Envelope::getSequence)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, writes).boxed().toList());

            Api api = after.api();
            var retried = api.post(path(CANDIDATE, "/attempts"), firstBody, "Idempotency-Key", "w-1");
            assertThat(retried.status()).isEqualTo(201);
            assertThat(retried.json().path("eventId").asText()).isEqualTo(firstEventId);
            assertThat(retried.json().path("replayed").asBoolean()).isTrue();
            var reused = api.post(path(CANDIDATE, "/attempts"), anAttempt(), "Idempotency-Key", "w-1");
            assertThat(reused.status()).isEqualTo(422);
            var story = api.get(path(CANDIDATE, "/stories/oncall?after=" + writes));
            assertThat(story.status()).as("%s", story).isEqualTo(200);
            assertThat(EventLog.events(after.kafka(), after.registryUrl)).hasSize(writes);
        }
    }
}
