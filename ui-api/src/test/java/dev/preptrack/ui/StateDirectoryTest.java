package dev.preptrack.ui;

import static dev.preptrack.ui.WriteApiTest.aStory;
import static dev.preptrack.ui.WriteApiTest.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code home/state} holds only what can be rebuilt: the Streams stores, restored from their
 * changelogs, and the positions, from the committed offsets. A restart on a deleted or an old
 * state directory must answer every read exactly as before, whole JSON answers compared.
 *
 * <p>One field is left out of the comparison: the themes answer's {@code asOf}, the instant the
 * request was answered (the themes read takes no {@code asOf}), which differs on every read.
 * Readiness is read {@code asOf} an instant fixed by the test (it decays with time otherwise);
 * the themes' trends are relative to now too, but count in days, and the test runs in minutes.
 */
@Tag("integration")
@Tag("fault")
@Timeout(300)
class StateDirectoryTest {

    private static final Duration START = Duration.ofSeconds(120);
    private static final List<String> CANDIDATES = List.of("cand-state-a", "cand-state-b");

    @TempDir
    Path home;

    @Test
    void a_restart_on_a_deleted_or_an_old_state_directory_answers_every_read_as_before() throws Exception {
        Map<String, JsonNode> beforeStop;
        Instant asOf;
        try (var preptrack = PreptrackProcess.start(home, START)) {
            for (String candidate : CANDIDATES) {
                history(preptrack.api(), candidate, "first");
            }
            asOf = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
            Thread.sleep(1_000);
            beforeStop = reads(preptrack.api(), asOf);
        }

        deleteTree(home.resolve("state"));
        try (var preptrack = PreptrackProcess.start(home, START)) {
            assertThat(reads(preptrack.api(), asOf)).as("after deleting home/state").isEqualTo(beforeStop);
        }

        Path old = home.resolveSibling(home.getFileName() + "-old-state");
        copyTree(home.resolve("state"), old);
        Map<String, JsonNode> withMore;
        Instant later;
        try (var preptrack = PreptrackProcess.start(home, START)) {
            for (String candidate : CANDIDATES) {
                history(preptrack.api(), candidate, "second");
            }
            later = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
            Thread.sleep(1_000);
            withMore = reads(preptrack.api(), later);
        }
        assertThat(withMore).as("the second history changed the answers").isNotEqualTo(beforeStop);
        deleteTree(home.resolve("state"));
        copyTree(old, home.resolve("state"));
        try {
            try (var preptrack = PreptrackProcess.start(home, START)) {
                assertThat(reads(preptrack.api(), later)).as("after putting an old home/state back").isEqualTo(withMore);
            }
        } finally {
            deleteTree(old);
        }
    }

    /** Every kind of write: a story, an attempt on it, feedback on the attempt, an edit answering it, triage, another attempt. */
    private static void history(Api api, String candidate, String round) {
        String story = round + "-story";
        ok(api.post(path(candidate, "/stories"), aStory(story)));
        String attemptId = ok(api.post(path(candidate, "/attempts"), "{\"rubric\": \"star\", \"mode\": \"solo\", "
                + "\"storyId\": \"" + story + "\", \"selfScore\": 3, \"sections\": [{\"section\": \"situation\", "
                + "\"seconds\": 50, \"selfScore\": 4}]}")).path("id").asText();
        String feedbackId = ok(api.post(path(candidate, "/feedback"), "{\"text\": \"Quantify the impact - what "
                + "changed in numbers?\", \"source\": {\"name\": \"Ana\", \"role\": \"coach\"}, \"attemptId\": \""
                + attemptId + "\", \"score\": 2}")).path("id").asText();
        ok(api.put(path(candidate, "/stories/" + story), "{\"sections\": {\"result\": \"Pages fell from 40 to 3 a "
                + "week\"}, \"addressesFeedback\": [\"" + feedbackId + "\"]}", "If-Match", "\"1\""));
        ok(api.post(path(candidate, "/feedback/" + feedbackId + "/triage"), "{\"decision\": \"addressed\"}"));
        ok(api.post(path(candidate, "/attempts"), "{\"rubric\": \"star\", \"mode\": \"peer-mock\", \"storyId\": \"" + story
                + "\", \"selfScore\": 4, \"sections\": [{\"section\": \"result\", \"seconds\": 40, \"selfScore\": 4}]}"));
    }

    private static JsonNode ok(Api.Answer answer) {
        assertThat(answer.status()).as("%s", answer).isBetween(200, 201);
        return answer.json();
    }

    /** Every read of every candidate, whole. */
    private static Map<String, JsonNode> reads(Api api, Instant asOf) {
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        for (String candidate : CANDIDATES) {
            for (String read : List.of("/readiness?asOf=" + asOf, "/readiness?rubric=star&asOf=" + asOf, "/themes",
                    "/feedback", "/stories", "/stories/first-story")) {
                var answer = api.get(path(candidate, read));
                assertThat(answer.status()).as("%s %s", read, answer).isEqualTo(200);
                JsonNode json = answer.json();
                if (read.equals("/themes")) {
                    assertThat(json.path("asOf").isTextual()).as("%s", json).isTrue();
                    ((ObjectNode) json).remove("asOf");
                }
                answers.put(candidate + read, json);
            }
        }
        return answers;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
