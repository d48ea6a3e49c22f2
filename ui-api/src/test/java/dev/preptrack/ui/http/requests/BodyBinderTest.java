package dev.preptrack.ui.http.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preptrack.tracker.app.FieldError;
import dev.preptrack.tracker.app.InvalidRequestException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shape-level rows of QUALITY.md's bad-input table (the same cases BadInputTest sends to the
 * running app) checked against the schemas alone, without Kafka or HTTP: each is refused naming
 * its field, valid bodies bind to the records the application layer receives, and every
 * problem of a body is reported at once.
 */
class BodyBinderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BodyBinder BINDER = new BodyBinder();

    static Stream<Arguments> shapeProblems() {
        return Stream.of(
                problem("a body that is not an object", RequestSchema.CREATE_STORY, "[1, 2]",
                        "body", "must be a JSON object"),
                problem("a wrong type", RequestSchema.CREATE_STORY, aStory().replace("\"On-call pages\"", "5"),
                        "title", "must be a string"),
                problem("an unknown field", RequestSchema.CREATE_STORY, aStory().replace("{", "{\"colour\": \"red\", "),
                        "colour", "is not a known field"),
                problem("a missing field", RequestSchema.LOG_ATTEMPT, anAttempt().replace("\"rubric\": \"star\", ", ""),
                        "rubric", "is required"),
                problem("a nested unknown field", RequestSchema.LOG_ATTEMPT,
                        anAttempt().replace("\"seconds\": 40", "\"seconds\": 40, \"pace\": 2"),
                        "sections[0].pace", "is not a known field"),
                problem("a score out of range", RequestSchema.LOG_ATTEMPT,
                        anAttempt().replace("\"seconds\": 40", "\"seconds\": 40, \"selfScore\": 6"),
                        "sections[0].selfScore", "must be at most 5"),
                problem("negative seconds", RequestSchema.LOG_ATTEMPT, anAttempt().replace("40", "-1"),
                        "sections[0].seconds", "must be at least 0"),
                problem("more than four hours on one section", RequestSchema.LOG_ATTEMPT, anAttempt().replace("40", "14401"),
                        "sections[0].seconds", "must be at most 14400"),
                problem("an unknown mode", RequestSchema.LOG_ATTEMPT, anAttempt().replace("solo", "karaoke"),
                        "mode", "must be one of solo, peer-mock, coach-mock, interview"),
                problem("an attempt with no sections", RequestSchema.LOG_ATTEMPT,
                        anAttempt().replaceAll("\\[.*]", "[]"), "sections", "must have at least 1 item"),
                problem("a story version below 1", RequestSchema.LOG_ATTEMPT,
                        anAttempt().replace("{", "{\"storyVersion\": 0, "), "storyVersion", "must be at least 1"),
                problem("a server-owned event id", RequestSchema.CREATE_STORY,
                        aStory().replace("{", "{\"eventId\": \"e-1\", "), "eventId", "is set by the server, not the client"),
                problem("a server-owned recordedAt", RequestSchema.RECORD_FEEDBACK,
                        feedback(", \"recordedAt\": \"2026-11-01T00:00:00Z\""), "recordedAt",
                        "is set by the server, not the client"),
                problem("a server-owned candidate id", RequestSchema.RECORD_FEEDBACK,
                        feedback(", \"candidateId\": \"someone-else\""), "candidateId", "is set by the server, not the client"),
                problem("a server-owned candidate id even when null", RequestSchema.TRIAGE_FEEDBACK,
                        "{\"decision\": \"addressed\", \"candidateId\": null}", "candidateId",
                        "is set by the server, not the client"),
                problem("the story id in an edit body", RequestSchema.EDIT_STORY,
                        "{\"storyId\": \"oncall\", \"note\": \"tightened\"}", "storyId", "is set by the server, not the client"),
                problem("the expected version in an edit body", RequestSchema.EDIT_STORY,
                        "{\"expectedVersion\": 3, \"note\": \"tightened\"}", "expectedVersion",
                        "is set by the server, not the client"),
                problem("occurredAt that is not a time", RequestSchema.RECORD_FEEDBACK,
                        feedback(", \"occurredAt\": \"last tuesday\""), "occurredAt", SchemaErrors.INSTANT_RULE),
                problem("occurredAt with a month that does not exist", RequestSchema.RETIRE_STORY,
                        "{\"occurredAt\": \"2026-13-01T00:00:00Z\"}", "occurredAt", SchemaErrors.INSTANT_RULE),
                problem("occurredAt without an offset", RequestSchema.RETIRE_STORY,
                        "{\"occurredAt\": \"2026-11-20T18:00:00\"}", "occurredAt", SchemaErrors.INSTANT_RULE),
                problem("a feedback text over its size limit", RequestSchema.RECORD_FEEDBACK,
                        "{\"text\": \"" + "a".repeat(5_001) + "\", \"source\": {\"name\": \"anna\", \"role\": \"coach\"}}",
                        "text", "must be at most 5000 characters"),
                problem("a title over its size limit", RequestSchema.CREATE_STORY,
                        aStory().replace("On-call pages", "t".repeat(201)), "title", "must be at most 200 characters"),
                problem("a blank title", RequestSchema.CREATE_STORY, aStory().replace("On-call pages", "   "),
                        "title", "must not be empty or blank"),
                problem("an unknown source role", RequestSchema.RECORD_FEEDBACK,
                        "{\"text\": \"numbers?\", \"source\": {\"name\": \"anna\", \"role\": \"aunt\"}}",
                        "source.role", "must be one of peer, coach, interviewer, self"),
                problem("a source without a name", RequestSchema.RECORD_FEEDBACK,
                        "{\"text\": \"numbers?\", \"source\": {\"role\": \"coach\"}}", "source.name", "is required"),
                problem("a section text that is not a string", RequestSchema.CREATE_STORY,
                        aStory().replace("\"Checkout paged 40 times a week\"", "40"), "sections.situation", "must be a string"),
                problem("a section id that is not an id", RequestSchema.EDIT_STORY,
                        "{\"sections\": {\"the result\": \"x\"}}", "sections.the result",
                        "is not a valid section id: it " + SchemaErrors.ID_RULE),
                problem("an id with a trailing newline", RequestSchema.CREATE_STORY,
                        aStory().replace("\"star\"", "\"star\\n\""), "rubric", SchemaErrors.ID_RULE),
                problem("an empty tag", RequestSchema.CREATE_STORY, aStory().replace("{", "{\"tags\": [\"ops\", \"\"], "),
                        "tags[1]", "must not be empty or blank"),
                problem("a tag over 40 characters", RequestSchema.CREATE_STORY,
                        aStory().replace("{", "{\"tags\": [\"" + "t".repeat(41) + "\"], "), "tags[0]",
                        "must be at most 40 characters"),
                problem("more than 50 feedback items addressed", RequestSchema.EDIT_STORY,
                        "{\"addressesFeedback\": [" + "\"f\", ".repeat(50) + "\"f\"]}", "addressesFeedback",
                        "must have at most 50 items"),
                problem("an unknown triage decision", RequestSchema.TRIAGE_FEEDBACK, "{\"decision\": \"ignored\"}",
                        "decision", "must be one of addressed, wont-fix, reopened"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapeProblems")
    void a_body_with_a_shape_problem_is_refused_naming_its_field(String situation, RequestSchema schema, String body,
            String field, String message) {
        assertThat(problemsOf(schema, body)).anySatisfy(problem -> {
            assertThat(problem.field()).isEqualTo(field);
            assertThat(problem.message()).startsWith(message);
        });
    }

    @Test
    void a_value_outside_its_rule_is_quoted_beside_the_rule() {
        String body = "{\"rubric\": \"star\", \"mode\": \"karaoke\", \"selfScore\": 9,"
                + " \"sections\": [{\"section\": \"situation\", \"seconds\": 40}]}";

        assertThat(problemsOf(RequestSchema.LOG_ATTEMPT, body)).contains(
                new FieldError("mode", "must be one of solo, peer-mock, coach-mock, interview (is 'karaoke')"),
                new FieldError("selfScore", "must be at most 5 (is 9)"));
    }

    @Test
    void a_body_that_is_json_null_is_refused_as_not_an_object() {
        assertThat(problemsOf(RequestSchema.RETIRE_STORY, "null"))
                .containsExactly(new FieldError("body", "must be a JSON object"));
    }

    @Test
    void every_problem_of_a_body_is_reported_at_once() {
        String body = "{\"colour\": \"red\", \"eventId\": \"e-1\", \"mode\": \"karaoke\", \"selfScore\": 9,"
                + " \"sections\": [{\"section\": \"situation\", \"seconds\": -1, \"pace\": 2}, {\"seconds\": 10}],"
                + " \"occurredAt\": \"last tuesday\"}";

        assertThat(problemsOf(RequestSchema.LOG_ATTEMPT, body)).extracting(FieldError::field).containsExactlyInAnyOrder(
                "colour", "eventId", "rubric", "mode", "selfScore", "sections[0].seconds", "sections[0].pace",
                "sections[1].section", "occurredAt");
    }

    @Test
    void an_occurred_at_failing_both_the_instant_and_the_date_format_is_one_problem() {
        assertThat(problemsOf(RequestSchema.TRIAGE_FEEDBACK, "{\"decision\": \"addressed\", \"occurredAt\": \"soon\"}"))
                .containsExactly(new FieldError("occurredAt", SchemaErrors.INSTANT_RULE));
    }

    @Test
    void a_full_attempt_binds_with_its_sections_in_order() {
        String body = "{\"attemptId\": \"a-1\", \"storyId\": \"oncall\", \"storyVersion\": 2, \"rubric\": \"star\","
                + " \"prompt\": \"Tell me about an outage\", \"mode\": \"peer-mock\", \"selfScore\": 3,"
                + " \"sections\": [{\"section\": \"situation\", \"seconds\": 50, \"selfScore\": 4},"
                + " {\"section\": \"action\", \"seconds\": 120}], \"occurredAt\": \"2026-11-20T18:00:00Z\"}";

        assertThat(BINDER.logAttempt(json(body))).isEqualTo(new LogAttemptRequest("a-1", "oncall", 2, "star",
                "Tell me about an outage", "peer-mock", 3,
                List.of(new SectionPracticeRequest("situation", 50, 4), new SectionPracticeRequest("action", 120, null)),
                Instant.parse("2026-11-20T18:00:00Z")));
    }

    @Test
    void an_attempt_leaving_out_its_optional_fields_binds_them_as_null() {
        assertThat(BINDER.logAttempt(json(anAttempt()))).isEqualTo(new LogAttemptRequest(null, null, null, "star", null,
                "solo", null, List.of(new SectionPracticeRequest("situation", 40, null)), null));
    }

    @Test
    void feedback_binds_with_its_source_and_keeps_strings_as_sent() {
        String body = "{\"feedbackId\": \"f-1\", \"attemptId\": \"a-1\", \"storyId\": \"oncall\", \"rubric\": \"star\","
                + " \"section\": \"result\", \"text\": \"numbers?\", \"score\": 2,"
                + " \"source\": {\"name\": \"Anna\", \"role\": \"interviewer\"}, \"occurredAt\": \"2026-11-20T19:30:00+01:00\"}";

        assertThat(BINDER.recordFeedback(json(body))).isEqualTo(new RecordFeedbackRequest("f-1", "a-1", "oncall", "star",
                "result", "numbers?", 2, new SourceRequest("Anna", "interviewer"), Instant.parse("2026-11-20T18:30:00Z")));
    }

    @Test
    void a_story_binds_with_its_sections_in_the_order_sent_and_its_tags() {
        String body = "{\"storyId\": \"oncall\", \"title\": \"On-call pages\", \"rubric\": \"star\", \"sections\":"
                + " {\"task\": \"t\", \"situation\": \"s\", \"result\": \"r\", \"action\": \"a\"}, \"tags\": [\"ops\", \"sre\"]}";

        CreateStoryRequest story = BINDER.createStory(json(body));

        assertThat(story).isEqualTo(new CreateStoryRequest("oncall", "On-call pages", "star",
                Map.of("task", "t", "situation", "s", "result", "r", "action", "a"), List.of("ops", "sre"), null, List.of(),
                null));
        assertThat(story.sections().keySet()).containsExactly("task", "situation", "result", "action");
    }

    @Test
    void a_story_without_tags_binds_an_empty_list_not_null() {
        assertThat(BINDER.createStory(json(aStory())).tags()).isEmpty();
    }

    @Test
    void an_edit_with_only_a_note_binds_empty_sections_and_addressed_feedback() {
        assertThat(BINDER.editStory(json("{\"note\": \"tightened\", \"sections\": null}")))
                .isEqualTo(new EditStoryRequest(Map.of(), List.of(), "tightened", null));
    }

    @Test
    void an_empty_edit_passes_the_shape_check_because_the_application_refuses_it() {
        assertThat(BINDER.editStory(json("{}"))).isEqualTo(new EditStoryRequest(Map.of(), List.of(), null, null));
    }

    @Test
    void a_retire_with_an_empty_body_binds_nulls() {
        assertThat(BINDER.retireStory(json("{}"))).isEqualTo(new RetireStoryRequest(null, null));
    }

    @Test
    void a_plain_date_means_the_start_of_that_day_in_utc() {
        assertThat(BINDER.triageFeedback(json("{\"decision\": \"wont-fix\", \"occurredAt\": \"2026-11-20\"}")))
                .isEqualTo(new TriageFeedbackRequest("wont-fix", null, Instant.parse("2026-11-20T00:00:00Z")));
    }

    @Test
    void a_time_far_in_the_future_passes_the_shape_check_because_the_window_needs_a_clock() {
        assertThat(BINDER.retireStory(json("{\"occurredAt\": \"2099-01-01T00:00:00Z\"}")).occurredAt())
                .isEqualTo(Instant.parse("2099-01-01T00:00:00Z"));
    }

    @Test
    void asking_for_a_record_the_schema_does_not_bind_to_is_a_programming_error() {
        assertThatThrownBy(() -> BINDER.bind(json("{}"), RequestSchema.RETIRE_STORY, EditStoryRequest.class))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<FieldError> problemsOf(RequestSchema schema, String body) {
        InvalidRequestException refused = catchThrowableOfType(InvalidRequestException.class,
                () -> BINDER.bind(json(body), schema, schema.requestType()));
        assertThat(refused).as("refused: %s", body).isNotNull();
        return refused.errors();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static String aStory() {
        return "{\"title\": \"On-call pages\", \"rubric\": \"star\", "
                + "\"sections\": {\"situation\": \"Checkout paged 40 times a week\"}}";
    }

    private static String anAttempt() {
        return "{\"rubric\": \"star\", \"mode\": \"solo\", \"sections\": [{\"section\": \"situation\", \"seconds\": 40}]}";
    }

    private static String feedback(String extra) {
        return "{\"text\": \"numbers?\", \"source\": {\"name\": \"anna\", \"role\": \"coach\"}" + extra + "}";
    }

    private static Arguments problem(String situation, RequestSchema schema, String body, String field, String message) {
        return Arguments.of(situation, schema, body, field, message);
    }
}
