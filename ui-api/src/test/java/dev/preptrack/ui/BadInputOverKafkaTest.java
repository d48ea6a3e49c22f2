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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The full path of bad input on the real broker: the rows of {@link BadInputTest}'s table that
 * the single writer decides (404, 409, 422) plus malformed and oversized bodies, each answered
 * with its problem document while the candidate's log on Kafka stays unchanged.
 */
@Tag("integration")
@Timeout(300)
class BadInputOverKafkaTest {

    private static final String CANDIDATE = "cand-bad-input";
    private static final String STORIES = path(CANDIDATE, "/stories");
    private static final String ATTEMPTS = path(CANDIDATE, "/attempts");
    private static final String FEEDBACK = path(CANDIDATE, "/feedback");
    private static final String EDIT = path(CANDIDATE, "/stories/oncall");

    @RegisterExtension
    static final RunningPreptrack RUNNING = new RunningPreptrack();
    static Preptrack preptrack;
    static Api api;
    static int eventsBefore;

    @BeforeAll
    static void startWithOneStory() {
        preptrack = RUNNING.preptrack();
        api = RUNNING.api();
        assertThat(api.post(STORIES, aStory("oncall")).status()).isEqualTo(201);
        eventsBefore = EventLog.events(preptrack, CANDIDATE).size();
    }

    static Stream<Arguments> writerDecidedAndMalformed() {
        return BadInputTest.badRequests().filter(row -> {
            int status = (int) row.get()[4];
            return status == 404 || status == 409 || status == 422 || "malformed JSON".equals(row.get()[0]);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writerDecidedAndMalformed")
    void bad_input_gets_its_status_and_a_problem_naming_the_field(String situation, String method, String path,
            String body, int status, String field, String[] headers) {
        var answer = api.send(method, path, body, headers);

        assertThat(answer.status()).as("%s", answer).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("errors")).extracting(error -> error.path("field").asText()).contains(field);
        assertThat(EventLog.events(preptrack, CANDIDATE)).hasSize(eventsBefore);
    }

    @Test
    void a_body_over_the_limit_is_refused_with_413_also_when_chunked_without_a_length() throws Exception {
        byte[] huge = ("{\"text\": \"" + "a".repeat(400_000) + "\"}").getBytes();
        var http = HttpClient.newHttpClient();
        for (HttpRequest.BodyPublisher publisher : List.of(HttpRequest.BodyPublishers.ofByteArray(huge),
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge)))) {
            var answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + preptrack.port() + FEEDBACK))
                    .header("Authorization", "Bearer " + preptrack.token().value())
                    .header("Content-Type", "application/json")
                    .POST(publisher).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
        }
        assertThat(EventLog.events(preptrack, CANDIDATE)).hasSize(eventsBefore);
    }
}
