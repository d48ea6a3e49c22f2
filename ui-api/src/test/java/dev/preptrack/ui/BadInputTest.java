package dev.preptrack.ui;

import static dev.preptrack.ui.WriteApiTest.aStory;
import static dev.preptrack.ui.WriteApiTest.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * QUALITY.md's bad-input table, case by case, against the real HTTP app over in-memory ports
 * (the real decider, no broker): each gets its status and a problem document naming the field,
 * and nothing is appended. {@link BadInputOverKafkaTest} runs the writer's cases on the real log.
 */
@Timeout(60)
class BadInputTest {

    private static final String CANDIDATE = "cand-bad-input";
    private static final String STORIES = path(CANDIDATE, "/stories");
    private static final String ATTEMPTS = path(CANDIDATE, "/attempts");
    private static final String FEEDBACK = path(CANDIDATE, "/feedback");
    private static final String EDIT = path(CANDIDATE, "/stories/oncall");

    @RegisterExtension
    static final InMemoryApp APP = new InMemoryApp();
    static Api api;
    static int eventsBefore;

    @BeforeAll
    static void startWithOneStory() {
        api = APP.api();
        assertThat(api.post(STORIES, aStory("oncall")).status()).isEqualTo(201);
        eventsBefore = APP.events(CANDIDATE).size();
    }

    static Stream<Arguments> badRequests() {
        String attempt = "{\"rubric\": \"star\", \"mode\": \"solo\", \"sections\": [{\"section\": \"situation\", \"seconds\": 40}]}";
        return Stream.of(
                bad("malformed JSON", "POST", STORIES, "{\"title\": ", 400, "body"),
                bad("a body that is not an object", "POST", STORIES, "[1, 2]", 400, "body"),
                bad("a wrong type", "POST", STORIES, aStory("s2").replace("\"On-call pages\"", "5"), 400, "title"),
                bad("an unknown field", "POST", STORIES, aStory("s2").replace("{", "{\"colour\": \"red\", "), 400, "colour"),
                bad("a missing field", "POST", ATTEMPTS, attempt.replace("\"rubric\": \"star\", ", ""), 400, "rubric"),
                bad("a nested unknown field", "POST", ATTEMPTS, attempt.replace("\"seconds\": 40", "\"seconds\": 40, \"pace\": 2"),
                        400, "sections[0].pace"),
                bad("a score out of range", "POST", ATTEMPTS, attempt.replace("\"seconds\": 40", "\"seconds\": 40, \"selfScore\": 6"),
                        400, "sections[0].selfScore"),
                bad("negative seconds", "POST", ATTEMPTS, attempt.replace("40", "-1"), 400, "sections[0].seconds"),
                bad("an unknown mode", "POST", ATTEMPTS, attempt.replace("solo", "karaoke"), 400, "mode"),
                bad("a server-owned event id", "POST", STORIES, aStory("s2").replace("{", "{\"eventId\": \"e-1\", "), 400, "eventId"),
                bad("a server-owned recordedAt", "POST", FEEDBACK, feedback(", \"recordedAt\": \"2026-11-01T00:00:00Z\""),
                        400, "recordedAt"),
                bad("a server-owned candidate id", "POST", FEEDBACK, feedback(", \"candidateId\": \"someone-else\""),
                        400, "candidateId"),
                bad("occurredAt far in the future", "POST", FEEDBACK, feedback(", \"occurredAt\": \"2099-01-01T00:00:00Z\""),
                        400, "occurredAt"),
                bad("occurredAt before preptrack could exist", "POST", FEEDBACK,
                        feedback(", \"occurredAt\": \"1970-01-01T00:00:00Z\""), 400, "occurredAt"),
                bad("occurredAt that is not a time", "POST", FEEDBACK, feedback(", \"occurredAt\": \"last tuesday\""),
                        400, "occurredAt"),
                bad("a text over its size limit", "POST", FEEDBACK,
                        "{\"text\": \"" + "a".repeat(5_001) + "\", \"source\": {\"name\": \"anna\", \"role\": \"coach\"}}",
                        400, "text"),
                bad("an unknown rubric", "POST", STORIES, aStory("s2").replace("\"star\"", "\"haiku\""), 422, "rubric"),
                bad("a section not in the rubric", "POST", STORIES,
                        aStory("s2").replace("situation", "okrs"), 422, "sections.okrs"),
                bad("feedback on a story that does not exist", "POST", FEEDBACK, feedback(", \"storyId\": \"nope\""),
                        422, "storyId"),
                bad("an attempt dated before its story was written", "POST", ATTEMPTS,
                        attempt.replaceFirst("\\{", "{\"storyId\": \"oncall\", \"occurredAt\": \"2026-01-01T00:00:00Z\", "),
                        422, "occurredAt"),
                bad("a duplicate story id", "POST", STORIES, aStory("oncall"), 409, "storyId"),
                bad("an edit of a stale version", "PUT", EDIT, "{\"sections\": {\"action\": \"x\"}}", 409, "If-Match",
                        "If-Match", "\"7\""),
                bad("an edit without a version", "PUT", EDIT, "{\"sections\": {\"action\": \"x\"}}", 428, "If-Match"),
                bad("an edit with a version that is not one", "PUT", EDIT, "{\"sections\": {\"action\": \"x\"}}", 400,
                        "If-Match", "If-Match", "\"latest\""),
                bad("an edit of a story that does not exist", "PUT", path(CANDIDATE, "/stories/nope"),
                        "{\"sections\": {\"action\": \"x\"}}", 404, "storyId", "If-Match", "\"1\""),
                bad("an empty edit", "PUT", EDIT, "{}", 400, "sections", "If-Match", "\"1\""),
                bad("the wrong content type", "POST", STORIES, aStory("s2"), 415, "Content-Type",
                        "Content-Type", "text/plain"),
                bad("an invalid idempotency key", "POST", STORIES, aStory("s2"), 400, "Idempotency-Key",
                        "Idempotency-Key", "has spaces in it"),
                bad("a read position that is not one", "GET", path(CANDIDATE, "/stories?after=soon"), null, 400, "after"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void bad_input_gets_its_status_and_a_problem_naming_the_field(String situation, String method, String path,
            String body, int status, String field, String[] headers) {
        assertIsAProblemNaming(api.send(method, path, body, headers), status, field);
        assertThat(APP.events(CANDIDATE)).hasSize(eventsBefore);
    }

    @Test
    void a_body_over_the_limit_is_refused_with_413_also_when_chunked_without_a_length() throws Exception {
        assertABodyOverTheLimitIsRefused(api, InMemoryApp.TOKEN);
        assertThat(APP.events(CANDIDATE)).hasSize(eventsBefore);
    }

    @Test
    void an_unknown_api_route_is_a_problem_document_too() {
        var answer = api.get(path(CANDIDATE, "/no-such-thing"));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @Test
    void a_retire_needs_no_body() {
        var answer = api.post(path(CANDIDATE, "/stories/no-such-story/retire"), null);

        assertThat(answer.status()).as("%s", answer).isEqualTo(404);
        assertThat(answer.json().path("errors").get(0).path("field").asText()).isEqualTo("storyId");
    }

    @Test
    void another_candidates_missing_story_is_a_plain_404() {
        var answer = api.get(path("someone-else", "/stories/oncall"));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    static void assertIsAProblemNaming(Api.Answer answer, int status, String field) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("errors")).extracting(error -> error.path("field").asText()).contains(field);
    }

    static void assertABodyOverTheLimitIsRefused(Api api, String token) throws Exception {
        byte[] huge = ("{\"text\": \"" + "a".repeat(400_000) + "\"}").getBytes();
        var http = HttpClient.newHttpClient();
        for (HttpRequest.BodyPublisher publisher : List.of(HttpRequest.BodyPublishers.ofByteArray(huge),
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge)))) {
            var answer = http.send(HttpRequest.newBuilder(URI.create(api.base() + FEEDBACK))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(publisher).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
        }
    }

    private static String feedback(String extra) {
        return "{\"text\": \"numbers?\", \"source\": {\"name\": \"anna\", \"role\": \"coach\"}" + extra + "}";
    }

    private static Arguments bad(String situation, String method, String path, String body, int status, String field,
            String... headers) {
        List<String> all = new ArrayList<>(List.of(headers));
        return Arguments.of(situation, method, path, body, status, field, all.toArray(String[]::new));
    }
}
