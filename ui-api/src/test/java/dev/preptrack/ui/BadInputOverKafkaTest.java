package dev.preptrack.ui;

import static dev.preptrack.ui.WriteApiTest.aStory;
import static dev.preptrack.ui.WriteApiTest.path;
import static org.assertj.core.api.Assertions.assertThat;

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
        BadInputTest.assertIsAProblemNaming(api.send(method, path, body, headers), status, field);
        assertThat(EventLog.events(preptrack, CANDIDATE)).hasSize(eventsBefore);
    }

    @Test
    void a_body_over_the_limit_is_refused_with_413_also_when_chunked_without_a_length() throws Exception {
        BadInputTest.assertABodyOverTheLimitIsRefused(api, preptrack.token().value());
        assertThat(EventLog.events(preptrack, CANDIDATE)).hasSize(eventsBefore);
    }
}
