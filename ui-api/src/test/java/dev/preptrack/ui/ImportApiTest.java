package dev.preptrack.ui;

import static dev.preptrack.ui.WriteApiTest.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Importing Markdown notes over HTTP on the real broker: what it creates, what a second import creates, a dry run. */
@Tag("integration")
@Timeout(300)
class ImportApiTest {

    @RegisterExtension
    static final RunningPreptrack RUNNING = new RunningPreptrack();
    static Api api;
    static String oncall;

    @BeforeAll
    static void connect() throws IOException {
        api = RUNNING.api();
        oncall = Files.readString(Path.of("src", "test", "resources", "notes-examples", "star-oncall-pages.md"));
    }

    @Test
    void notes_become_a_story_with_its_prompt_and_private_note_and_feedback_with_who_gave_it() {
        String candidate = "cand-import";
        var imported = importNotes(candidate, oncall, "?name=star-oncall-pages.md");

        assertThat(imported.status()).as("%s", imported).isEqualTo(201);
        JsonNode report = imported.json();
        assertThat(report.path("storiesCreated").asInt()).isEqualTo(1);
        assertThat(report.path("feedbackCreated").asInt()).isEqualTo(6);
        String storyId = report.path("stories").get(0).path("storyId").asText();
        assertThat(storyId).isEqualTo("star-oncall-pages");
        String after = "?after=" + report.path("position").asText();

        JsonNode story = api.get(path(candidate, "/stories/" + storyId + after)).json();
        assertThat(story.path("rubric").asText()).isEqualTo("star");
        assertThat(story.path("prompt").asText()).startsWith("Tell me about a time you improved something");
        assertThat(story.path("sections").path("action").asText()).contains("Pulled 6 weeks of pages");
        assertThat(story.path("notes").get(0).asText()).contains("I decided on my own to rewrite all the alerts");

        JsonNode feedback = api.get(path(candidate, "/feedback" + after)).json().path("items");
        assertThat(feedback).hasSize(6);
        assertThat(feedback).allSatisfy(item -> {
            assertThat(item.path("storyId").asText()).isEqualTo(storyId);
            assertThat(item.path("text").asText()).doesNotContain("(coach anna)").doesNotContain("cowboy");
        });
        assertThat(texts(feedback, "source", "name")).containsExactly("raj", "raj", "anna", "anna", "anna", "li wei");
        assertThat(feedback.get(2).path("source").path("role").asText()).isEqualTo("coach");
    }

    @Test
    void importing_the_same_notes_again_appends_nothing() {
        String candidate = "cand-reimport";
        var first = importNotes(candidate, oncall, "");
        assertThat(first.status()).as("%s", first).isEqualTo(201);
        int events = events(candidate);

        var again = importNotes(candidate, oncall, "");

        assertThat(again.status()).as("%s", again).isEqualTo(200);
        assertThat(again.json().path("storiesCreated").asInt()).isZero();
        assertThat(again.json().path("feedbackCreated").asInt()).isZero();
        assertThat(again.json().path("stories").get(0).path("status").asText()).isEqualTo("unchanged");
        assertThat(texts(again.json().path("feedback"), "status")).containsOnly("unchanged");
        assertThat(events(candidate)).isEqualTo(events);
    }

    @Test
    void a_dry_run_says_what_would_be_imported_and_writes_nothing() {
        String candidate = "cand-dry-run";
        var dry = importNotes(candidate, oncall, "?dryRun=true");

        assertThat(dry.status()).as("%s", dry).isEqualTo(200);
        assertThat(dry.json().path("dryRun").asBoolean()).isTrue();
        assertThat(dry.json().path("stories").get(0).path("status").asText()).isEqualTo("new");
        assertThat(dry.json().path("feedback")).hasSize(6);
        assertThat(api.get(path(candidate, "/events")).body()).isEmpty();
    }

    @Test
    void notes_must_be_sent_as_markdown_and_an_export_as_its_lines() {
        var json = api.post(path("cand-import-bad", "/imports"), "{\"notes\": \"# S\"}");
        var ndjson = api.send("POST", path("cand-import-bad", "/imports"), "{}", "Content-Type", "application/x-ndjson");
        var empty = api.send("POST", path("cand-import-bad", "/imports"), "", "Content-Type", "text/markdown");

        assertThat(json.status()).isEqualTo(415);
        assertThat(json.json().path("errors").get(0).path("field").asText()).isEqualTo("Content-Type");
        assertThat(ndjson.status()).isEqualTo(400);
        assertThat(ndjson.json().path("errors").get(0).path("field").asText()).isEqualTo("line 1: eventId");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().path("errors").get(0).path("field").asText()).isEqualTo("body");
        assertThat(api.get(path("cand-import-bad", "/events")).body()).isEmpty();
    }

    private static Api.Answer importNotes(String candidate, String notes, String query) {
        return api.send("POST", path(candidate, "/imports" + query), notes, "Content-Type", "text/markdown; charset=utf-8");
    }

    private static int events(String candidate) {
        return (int) api.get(path(candidate, "/events")).body().lines().count();
    }

    private static List<String> texts(JsonNode items, String... fieldPath) {
        List<String> texts = new ArrayList<>();
        for (JsonNode item : items) {
            JsonNode node = item;
            for (String field : fieldPath) {
                node = node.path(field);
            }
            texts.add(node.asText());
        }
        return texts;
    }
}
