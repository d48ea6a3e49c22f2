package dev.preptrack.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.preptrack.events.Envelope;
import dev.preptrack.schemas.codec.ExportFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Your history is yours to keep: exported from one preptrack as plain JSON lines (each valid
 * against the published JSON Schema), it restores into a new, empty preptrack as the same events —
 * ids, sequences, times, actors, payloads, in order — whose answers are the same; restoring it
 * again appends nothing; and a file that is not an export, or another person's history, is refused
 * naming the line, with nothing appended. Two real instances, each with its own broker, registry
 * and HTTP server.
 */
@Tag("integration")
@Timeout(300)
class RestoreApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ME = "me";

    @RegisterExtension
    static final RunningPreptrack OLD_LAPTOP = new RunningPreptrack();
    @RegisterExtension
    static final RunningPreptrack NEW_LAPTOP = new RunningPreptrack();

    static Api old;
    static Api fresh;
    static String export;
    static String lastPosition;

    @BeforeAll
    static void aMonthOfPreparationOnTheOldLaptop() {
        old = OLD_LAPTOP.api();
        fresh = NEW_LAPTOP.api();
        post(old, "/stories", "{\"storyId\": \"oncall\", \"title\": \"On-call pages\", \"rubric\": \"star\", "
                + "\"occurredAt\": \"2026-11-01T10:00:00Z\", \"prompt\": \"Tell me about a time you reduced toil\", \"notes\": [\"say 40 pages, not 'many'\"], "
                + "\"sections\": {\"situation\": \"Checkout paged 40 times a week\", \"action\": \"Deduplicated alerts\"}}");
        String attempt = post(old, "/attempts", "{\"attemptId\": \"a1\", \"storyId\": \"oncall\", \"rubric\": \"star\", "
                + "\"mode\": \"peer-mock\", \"occurredAt\": \"2026-11-02T18:00:00Z\", \"selfScore\": 3, \"sections\": "
                + "[{\"section\": \"situation\", \"seconds\": 75, \"selfScore\": 4}, {\"section\": \"action\", \"seconds\": 0}]}")
                .path("id").asText();
        post(old, "/feedback", "{\"feedbackId\": \"f1\", \"attemptId\": \"" + attempt + "\", \"storyId\": \"oncall\", "
                + "\"rubric\": \"star\", \"section\": \"action\", \"source\": {\"name\": \"Priya\", \"role\": \"peer\"}, "
                + "\"text\": \"What exactly did you change? Too vague.\", \"score\": 2, "
                + "\"occurredAt\": \"2026-11-02T18:30:00Z\"}");
        var edit = old.put(WriteApiTest.path(ME, "/stories/oncall"), "{\"sections\": {\"action\": \"Grouped 12 alerts "
                + "into 3 and paged only on symptoms\"}, \"addressesFeedback\": [\"f1\"], \"note\": \"concrete\"}",
                "If-Match", "\"1\"");
        assertThat(edit.status()).as("%s", edit).isEqualTo(200);
        post(old, "/feedback/f1/triage", "{\"decision\": \"addressed\"}");
        var notes = old.send("POST", WriteApiTest.path(ME, "/imports?name=retro.md"), """
                # Payments outage retro
                ## Situation
                Card payments failed for 40 minutes during the sale.
                ## Action
                I led the rollback and wrote the runbook.
                feedback:
                - (coach Sam) lead with the impact in numbers
                """, "Content-Type", "text/markdown");
        assertThat(notes.status()).as("%s", notes).isEqualTo(201);
        lastPosition = post(old, "/stories/oncall/retire", "{\"reason\": \"replaced by the payments story\"}")
                .path("position").asText();
        export = old.get(WriteApiTest.path(ME, "/events")).body();
    }

    @Test
    void every_line_of_the_export_is_plain_json_valid_against_the_published_schema() throws IOException {
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true)
                        .build())).getSchema(Files.readString(Path.of("..", "docs", "export.schema.json")));
        List<String> lines = export.lines().toList();

        assertThat(lines).hasSizeGreaterThanOrEqualTo(8);
        for (String line : lines) {
            assertThat(schema.validate(line, InputFormat.JSON)).as(line).isEmpty();
            assertThat(line).doesNotContain("{\"string\":", "{\"long\":", "{\"int\":");
        }
        JsonNode attempt = JSON.readTree(lines.get(1));
        assertThat(attempt.path("occurredAt").asText()).isEqualTo("2026-11-02T18:00:00Z");
        assertThat(attempt.path("payload").path("type").asText()).isEqualTo("PracticeAttemptLogged");
        assertThat(attempt.path("payload").path("mode").asText()).isEqualTo("peer-mock");
    }

    @Test
    void the_export_restores_into_an_empty_preptrack_as_the_same_history_and_again_appends_nothing() {
        var restored = fresh.send("POST", WriteApiTest.path(ME, "/imports"), export, "Content-Type",
                "application/x-ndjson");

        assertThat(restored.status()).as("%s", restored).isEqualTo(201);
        long events = export.lines().count();
        assertThat(restored.json().path("appended").asLong()).isEqualTo(events);
        assertThat(restored.json().path("position").asText()).isEqualTo(lastPosition);
        List<Envelope> original = EventLog.events(OLD_LAPTOP.preptrack(), ME);
        assertThat(EventLog.events(NEW_LAPTOP.preptrack(), ME)).isEqualTo(original);
        // The answers agree too: the projections fold the same events the same way (readiness at one
        // instant, since it decays with time; the others say when they were asked, which is left out).
        String asOf = "&asOf=" + java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        for (String read : List.of("/readiness?after=" + lastPosition + asOf, "/themes?after=" + lastPosition,
                "/stories/oncall?after=" + lastPosition, "/feedback?after=" + lastPosition)) {
            assertThat(body(fresh, read)).as(read).isEqualTo(body(old, read));
        }
        assertThat(fresh.get(WriteApiTest.path(ME, "/events")).body()).isEqualTo(export);

        var again = fresh.send("POST", WriteApiTest.path(ME, "/imports"), export, "Content-Type",
                "application/x-ndjson");

        assertThat(again.status()).as("%s", again).isEqualTo(200);
        assertThat(again.json().path("appended").asLong()).isZero();
        assertThat(again.json().path("alreadyThere").asLong()).isEqualTo(events);
        assertThat(EventLog.events(NEW_LAPTOP.preptrack(), ME)).isEqualTo(original);
        // And the writer knows the restored history as the original's did: the attempt exists to
        // give feedback on, and the story is retired at version 2.
        var feedback = fresh.post(WriteApiTest.path(ME, "/feedback"), "{\"attemptId\": \"a1\", \"source\": "
                + "{\"name\": \"Priya\", \"role\": \"peer\"}, \"text\": \"Much clearer now\"}");
        assertThat(feedback.status()).as("%s", feedback).isEqualTo(201);
        var edit = fresh.put(WriteApiTest.path(ME, "/stories/oncall"), "{\"sections\": {\"result\": \"Quiet\"}}",
                "If-Match", "\"2\"");
        assertThat(edit.status()).as("%s", edit).isEqualTo(409);
        assertThat(edit.json().path("reason").asText()).isEqualTo("RETIRED");
    }

    @Test
    void a_line_that_is_not_an_event_is_refused_naming_it_and_nothing_is_appended() throws IOException {
        List<String> lines = new java.util.ArrayList<>(export.lines().toList());
        ObjectNode third = (ObjectNode) JSON.readTree(lines.get(2));
        ((ObjectNode) third.get("payload")).put("score", "two");
        lines.set(2, third.toString());

        var refused = fresh.send("POST", WriteApiTest.path("bad-file", "/imports"), String.join("\n", lines),
                "Content-Type", "application/x-ndjson");

        assertThat(refused.status()).as("%s", refused).isEqualTo(400);
        assertThat(refused.json().path("errors").get(0).path("field").asText()).isEqualTo("line 3: payload.score");
        assertThat(fresh.get(WriteApiTest.path("bad-file", "/events")).body()).isEmpty();
    }

    @Test
    void another_persons_history_is_refused_not_merged_into_yours() {
        String someone = "someone-else";
        post(fresh, someone, "/stories", "{\"storyId\": \"theirs\", \"title\": \"Theirs\", \"rubric\": \"star\", "
                + "\"sections\": {\"situation\": \"Something else entirely\"}}");

        var refused = fresh.send("POST", WriteApiTest.path(someone, "/imports"), export, "Content-Type",
                "application/x-ndjson");

        assertThat(refused.status()).as("%s", refused).isEqualTo(409);
        assertThat(refused.json().path("detail").asText()).contains("different history");
        assertThat(refused.json().path("line").asLong()).isEqualTo(1);
        assertThat(EventLog.events(NEW_LAPTOP.preptrack(), someone)).hasSize(1);
    }

    private static JsonNode body(Api api, String read) {
        var answer = api.get(WriteApiTest.path(ME, read));
        assertThat(answer.status()).as("%s %s", read, answer).isEqualTo(200);
        JsonNode json = answer.json();
        if (json instanceof ObjectNode object && !read.contains("asOf=")) {
            object.remove("asOf");
        }
        return json;
    }

    private static JsonNode post(Api api, String route, String body) {
        return post(api, ME, route, body);
    }

    private static JsonNode post(Api api, String candidate, String route, String body) {
        var answer = api.post(WriteApiTest.path(candidate, route), body);
        assertThat(answer.status()).as("%s %s", route, answer).isBetween(200, 201);
        return answer.json();
    }
}
