package dev.preptrack.schemas.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.preptrack.events.Envelope;
import dev.preptrack.schemas.Subjects;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaEvolutionCheckTest {

    private static final String SUBJECT = "test-value";

    @TempDir
    Path history;

    @Test
    void the_shipped_history_accepts_the_current_event_schema() {
        var check = new SchemaEvolutionCheck(Path.of("src/main/avro-history"));
        assertThat(check.history(Subjects.EVENTS_VALUE)).isNotEmpty();
        assertThat(check.check(Subjects.EVENTS_VALUE, Envelope.getClassSchema(), false)).isEmpty();
    }

    @Test
    void fails_when_a_required_field_is_added_without_a_default() throws Exception {
        publish(1, record("{\"name\": \"storyId\", \"type\": \"string\"}"));
        Schema changed = record("{\"name\": \"storyId\", \"type\": \"string\"}",
                "{\"name\": \"title\", \"type\": \"string\"}");

        var problems = new SchemaEvolutionCheck(history).check(SUBJECT, changed, true);

        assertThat(problems).singleElement().asString()
                .contains(SUBJECT, "published v1", "READER_FIELD_MISSING_DEFAULT_VALUE", "title");
        assertThat(Files.exists(history.resolve(SUBJECT).resolve("v2.avsc"))).isFalse();
    }

    @Test
    void fails_against_an_older_version_even_when_the_latest_is_compatible() throws Exception {
        publish(1, record("{\"name\": \"storyId\", \"type\": \"string\"}"));
        publish(2, record("{\"name\": \"storyId\", \"type\": \"string\"}",
                "{\"name\": \"title\", \"type\": \"string\", \"default\": \"\"}"));
        // Dropping the default can still read v2's data, but no longer v1's: only a transitive check sees it.
        Schema changed = record("{\"name\": \"storyId\", \"type\": \"string\"}",
                "{\"name\": \"title\", \"type\": \"string\"}");

        var problems = new SchemaEvolutionCheck(history).check(SUBJECT, changed, false);

        assertThat(problems).singleElement().asString().contains("published v1");
    }

    @Test
    void fails_when_a_union_branch_that_old_data_uses_is_removed() throws Exception {
        Schema current = Envelope.getClassSchema();
        publish(1, current);
        ObjectNode json = (ObjectNode) new ObjectMapper().readTree(current.toString());
        int removed = -1;
        for (var field : json.withArray("fields")) {
            if (field.path("name").asText().equals("payload")) {
                ArrayNode branches = (ArrayNode) field.path("type");
                removed = branches.size() - 1;
                branches.remove(removed);
            }
        }
        Schema withoutBranch = new Schema.Parser().parse(json.toString());

        var problems = new SchemaEvolutionCheck(history).check(SUBJECT, withoutBranch, false);

        assertThat(problems).singleElement().asString().contains("MISSING_UNION_BRANCH", "/fields/7/type/" + removed);
    }

    @Test
    void reports_a_compatible_change_that_is_not_recorded_and_records_it_on_request() throws Exception {
        publish(1, record("{\"name\": \"storyId\", \"type\": \"string\"}"));
        Schema added = record("{\"name\": \"storyId\", \"type\": \"string\"}",
                "{\"name\": \"note\", \"type\": [\"null\", \"string\"], \"default\": null}");
        var check = new SchemaEvolutionCheck(history);

        assertThat(check.check(SUBJECT, added, false)).singleElement().asString().contains("record it as v2");
        assertThat(check.check(SUBJECT, added, true)).isEmpty();
        assertThat(check.history(SUBJECT)).extracting(SchemaEvolutionCheck.VersionedSchema::version)
                .containsExactly(1, 2);
        assertThat(check.check(SUBJECT, added, false)).isEmpty();
    }

    private void publish(int version, Schema schema) throws Exception {
        Files.createDirectories(history.resolve(SUBJECT));
        Files.writeString(history.resolve(SUBJECT).resolve("v" + version + ".avsc"), schema.toString(true));
    }

    private static Schema record(String... fields) {
        return new Schema.Parser().parse("{\"type\": \"record\", \"name\": \"Story\", \"namespace\": \"t\", "
                + "\"fields\": [" + String.join(",", fields) + "]}");
    }
}
