package dev.preptrack.ui;

import static dev.preptrack.ui.WriteApiTest.aStory;
import static dev.preptrack.ui.WriteApiTest.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Readiness over HTTP against the real broker: read-your-writes, as-of dates, open feedback. */
@Tag("integration")
@Timeout(300)
class ReadinessApiTest {

    @RegisterExtension
    static final RunningPreptrack RUNNING = new RunningPreptrack();
    static Api api;

    @BeforeAll
    static void connect() {
        api = RUNNING.api();
    }

    @Test
    void a_read_with_the_position_of_a_write_sees_that_write_every_time() {
        String candidate = "cand-ryw";
        for (int i = 1; i <= 60; i++) {
            var written = api.post(path(candidate, "/attempts"), "{\"rubric\": \"star\", \"mode\": \"solo\", "
                    + "\"sections\": [{\"section\": \"action\", \"seconds\": 80, \"selfScore\": 4}]}");
            assertThat(written.status()).as("%s", written).isEqualTo(201);

            var read = api.get(path(candidate, "/readiness?rubric=star&after=" + written.json().path("position").asText()));

            assertThat(read.status()).as("%s", read).isEqualTo(200);
            assertThat(section(read.json(), "action").path("attempts").asInt()).as("after write %d", i).isEqualTo(i);
        }
    }

    @Test
    void readiness_as_of_an_earlier_date_leaves_out_what_happened_after_it() {
        String candidate = "cand-asof";
        api.post(path(candidate, "/attempts"), attemptOn("situation", "2026-11-02T09:00:00Z"));
        var last = api.post(path(candidate, "/attempts"), attemptOn("situation", "2026-11-16T09:00:00Z"));
        String after = last.json().path("position").asText();

        JsonNode then = section(api.get(path(candidate, "/readiness?rubric=star&asOf=2026-11-05&after=" + after)).json(),
                "situation");
        JsonNode now = section(api.get(path(candidate, "/readiness?rubric=star&asOf=2026-11-17&after=" + after)).json(),
                "situation");

        assertThat(then.path("attempts").asInt()).isEqualTo(1);
        assertThat(now.path("attempts").asInt()).isEqualTo(2);
        assertThat(then.path("lastPracticedAt").asText()).isEqualTo("2026-11-02T09:00:00Z");
    }

    @Test
    void readiness_history_gives_each_day_what_readiness_as_of_that_day_gives_backdated_events_included() {
        String candidate = "cand-history";
        api.post(path(candidate, "/attempts"), attemptOn("situation", "2026-11-02T09:00:00Z"));
        api.post(path(candidate, "/attempts"), attemptOn("action", "2026-11-06T09:00:00Z"));
        api.post(path(candidate, "/attempts"), attemptOn("situation", "2026-11-09T18:00:00Z"));
        // Logged last, dated back: the checkpoints of the days after it change too.
        var last = api.post(path(candidate, "/attempts"), attemptOn("result", "2026-11-04T12:00:00Z"));
        String after = last.json().path("position").asText();

        var history = api.get(path(candidate, "/readiness/history?rubric=STAR&from=2026-11-01&to=2026-11-12&after="
                + after));

        assertThat(history.status()).as("%s", history).isEqualTo(200);
        JsonNode points = history.json().path("points");
        assertThat(points).hasSize(12);
        for (JsonNode point : points) {
            String day = point.path("at").asText().substring(0, 10);
            JsonNode asOf = api.get(path(candidate, "/readiness?rubric=star&asOf=" + day + "&after=" + after)).json()
                    .path("rubrics").get(0);
            assertThat(point.path("score").asInt()).as(day).isEqualTo(asOf.path("score").asInt());
            assertThat(point.path("level").asText()).as(day).isEqualTo(asOf.path("level").asText());
        }
        assertThat(points.get(0).path("score").asInt()).isEqualTo(0);
        assertThat(points.get(9).path("score").asInt()).isGreaterThan(points.get(2).path("score").asInt());

        var section = api.get(path(candidate, "/readiness/history?rubric=star&section=S&from=2026-11-01&to=2026-11-12"
                + "&step=P3D&after=" + after));
        assertThat(section.json().path("section").asText()).isEqualTo("situation");
        assertThat(section.json().path("points")).hasSize(5); // every third day, and the last

        var refused = api.get(path(candidate, "/readiness/history?rubric=star&from=2020-01-01&step=PT1H"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("errors").get(0).path("field").asText()).isEqualTo("step");
    }

    @Test
    void open_critical_feedback_on_a_section_is_named_and_pulls_it_down_until_addressed_and_practiced() {
        String candidate = "cand-feedback";
        api.post(path(candidate, "/stories"), aStory("oncall"));
        assertThat(api.post(path(candidate, "/attempts"), onTheStory(attemptOn("action", null))).status()).isEqualTo(201);
        var feedback = api.post(path(candidate, "/feedback"), "{\"feedbackId\": \"fb-1\", \"storyId\": \"oncall\", "
                + "\"section\": \"action\", \"score\": 2, \"text\": \"what exactly changed?\", "
                + "\"source\": {\"name\": \"anna\", \"role\": \"coach\"}}");
        JsonNode open = section(api.get(path(candidate, "/readiness?rubric=star&after="
                + feedback.json().path("position").asText())).json(), "action");
        assertThat(open.path("openFeedback")).extracting(JsonNode::asText).containsExactly("fb-1");

        var edit = api.put(path(candidate, "/stories/oncall"), "{\"sections\": {\"action\": \"the dedup key\"}, "
                + "\"addressesFeedback\": [\"fb-1\"]}", "If-Match", "\"1\"");
        assertThat(edit.status()).as("%s", edit).isEqualTo(200);
        var practiced = api.post(path(candidate, "/attempts"), onTheStory(attemptOn("action", null)));
        assertThat(practiced.status()).as("%s", practiced).isEqualTo(201);
        JsonNode closed = section(api.get(path(candidate, "/readiness?rubric=star&after="
                + practiced.json().path("position").asText())).json(), "action");

        assertThat(closed.path("openFeedback")).isEmpty();
        JsonNode items = api.get(path(candidate, "/feedback?after=" + practiced.json().path("position").asText()))
                .json().path("items");
        assertThat(items).singleElement().satisfies(item -> {
            assertThat(item.path("text").asText()).isEqualTo("what exactly changed?");
            assertThat(item.path("source").path("role").asText()).isEqualTo("coach");
            assertThat(item.path("addressedBy").get(0).path("version").asInt()).isEqualTo(2);
        });
        assertThat(closed.path("components").path("openFeedback").asDouble()).isEqualTo(1.0);
        assertThat(closed.path("score").asInt()).isGreaterThan(open.path("score").asInt());
    }

    @Test
    void the_active_rules_are_readable() {
        JsonNode rules = api.get("/api/v1/rules").json();

        assertThat(rules.path("version").asInt()).isEqualTo(1);
        assertThat(rules.path("rubrics")).extracting(rubric -> rubric.path("id").asText())
                .containsExactly("star", "project-retro", "system-design", "pitch", "qa");
        assertThat(rules.path("readiness").path("weights").path("performance").asDouble()).isEqualTo(0.5);
    }

    @Test
    void a_practised_story_has_its_own_roll_up_and_its_versions_list_their_attempts() {
        String candidate = "cand-story-rollup";
        api.post(path(candidate, "/stories"), aStory("oncall"));
        api.post(path(candidate, "/stories"), aStory("migration"));
        api.post(path(candidate, "/attempts"), attemptOn("situation", null).replaceFirst("\\{",
                "{\"attemptId\": \"first\", \"storyId\": \"oncall\", "));
        var later = api.post(path(candidate, "/attempts"), onTheStory(attemptOn("action", null)));
        String after = later.json().path("position").asText();

        JsonNode readiness = api.get(path(candidate, "/readiness?rubric=star&after=" + after)).json();
        JsonNode story = api.get(path(candidate, "/stories/oncall?after=" + after)).json();

        assertThat(readiness.path("stories")).singleElement().satisfies(rollUp -> {
            assertThat(rollUp.path("storyId").asText()).isEqualTo("oncall");
            assertThat(rollUp.path("title").asText()).isEqualTo("On-call pages");
            assertThat(rollUp.path("score").asInt()).isBetween(1, 100);
            assertThat(rollUp.path("sections")).filteredOn(s -> s.path("attempts").asInt() > 0).hasSize(2);
        });
        assertThat(story.path("versions").get(0).path("attempts")).hasSize(2);
        assertThat(story.path("versions").get(0).path("attempts").get(0).path("attemptId").asText()).isEqualTo("first");
    }

    private static String attemptOn(String section, String at) {
        return "{\"rubric\": \"star\", \"mode\": \"solo\", " + (at == null ? "" : "\"occurredAt\": \"" + at + "\", ")
                + "\"sections\": [{\"section\": \"" + section + "\", \"seconds\": 40, \"selfScore\": 4}]}";
    }

    private static String onTheStory(String attempt) {
        return attempt.replaceFirst("\\{", "{\"storyId\": \"oncall\", ");
    }

    private static JsonNode section(JsonNode readiness, String section) {
        for (JsonNode candidate : readiness.path("rubrics").get(0).path("sections")) {
            if (candidate.path("section").asText().equals(section)) {
                return candidate;
            }
        }
        throw new AssertionError("no section " + section + " in " + readiness);
    }
}
