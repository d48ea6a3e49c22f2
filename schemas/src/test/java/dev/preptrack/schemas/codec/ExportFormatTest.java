package dev.preptrack.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.preptrack.events.Envelope;
import dev.preptrack.schemas.SampleEvents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The export reads as plain JSON (the property test in {@link EventCodecRoundTripTest} proves it
 * restores exactly); a line that is not an event is refused naming its field; and the JSON Schema
 * people read in {@code docs/export.schema.json} is the one the format derives.
 */
class ExportFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Written with -Dpreptrack.export.schema.write=true after a schema change, then committed. */
    private static final Path COMMITTED_SCHEMA = Path.of("..", "docs", "export.schema.json");

    @Test
    void a_line_is_plain_json_with_iso_instants_lower_case_enums_and_no_union_wrappers() throws IOException {
        Envelope attempt = SampleEvents.oneOfEachType("me").get(1);
        JsonNode line = JSON.readTree(ExportFormat.line(attempt));

        assertThat(line.get("occurredAt").asText()).isEqualTo("2026-11-17T09:30:00Z");
        assertThat(line.get("actor").get("role").asText()).isEqualTo("candidate");
        JsonNode payload = line.get("payload");
        assertThat(payload.get("type").asText()).isEqualTo("PracticeAttemptLogged");
        assertThat(payload.get("mode").asText()).isEqualTo(attempt.getPayload() instanceof
                dev.preptrack.events.PracticeAttemptLogged logged
                ? logged.getMode().name().toLowerCase().replace('_', '-') : "?");
        // An optional value is itself, not {"string": …}; an absent one is left out.
        assertThat(payload.get("storyId").isTextual()).isTrue();
        assertThat(ExportFormat.line(attempt)).doesNotContain("{\"string\"", "{\"int\"", "{\"long\"");
    }

    @Test
    void every_type_of_event_reads_back_as_itself() {
        for (Envelope event : SampleEvents.oneOfEachType("me")) {
            assertThat(ExportFormat.parse(ExportFormat.line(event))).isEqualTo(event);
        }
    }

    @Test
    void an_optional_field_given_as_null_reads_as_absent() throws IOException {
        Envelope created = SampleEvents.oneOfEachType("me").get(0);
        ObjectNode line = (ObjectNode) JSON.readTree(ExportFormat.line(created));
        ((ObjectNode) line.get("payload")).putNull("prompt");
        Envelope back = ExportFormat.parse(line.toString());
        assertThat(((dev.preptrack.events.StoryCreated) back.getPayload()).getPrompt()).isNull();
    }

    @Test
    void a_line_that_is_not_an_event_is_refused_naming_the_field() throws IOException {
        String good = ExportFormat.line(SampleEvents.oneOfEachType("me").get(1));

        assertRefused(edit(good, line -> line.remove("eventId")), "eventId", "is required");
        assertRefused(edit(good, line -> line.put("occurredAt", "last tuesday")), "occurredAt", "ISO-8601");
        assertRefused(edit(good, line -> line.put("occurredAt", 1794268800000L)), "occurredAt", "ISO-8601");
        assertRefused(edit(good, line -> ((ObjectNode) line.get("payload")).put("mode", "PEERMOCK")),
                "payload.mode", "one of");
        assertRefused(edit(good, line -> ((ObjectNode) line.get("payload")).put("type", "StoryDeleted")),
                "payload.type", "not a payload type");
        assertRefused(edit(good, line -> ((ObjectNode) line.get("payload")).remove("type")), "payload.type",
                "must name");
        assertRefused(edit(good, line -> line.put("colour", "blue")), "colour", "not a field");
        assertRefused(edit(good, line -> ((ObjectNode) line.get("payload").get("sections").get(0))
                .put("seconds", "ninety")), "payload.sections[0].seconds", "whole number");
        assertThatThrownBy(() -> ExportFormat.parse("{\"eventId\": "))
                .isInstanceOf(ExportFormat.MalformedEventException.class).hasMessageContaining("not JSON");
        // Two events run together on one line, or a key given twice, are refused rather than half read.
        assertThatThrownBy(() -> ExportFormat.parse(good + good))
                .isInstanceOf(ExportFormat.MalformedEventException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> ExportFormat.parse(good.replaceFirst("\\{", "{\"sequence\": 9, ")))
                .isInstanceOf(ExportFormat.MalformedEventException.class).hasMessageContaining("not JSON");
        assertRefused(edit(good, line -> line.put("occurredAt", "+999999999-12-31T23:59:59Z")), "occurredAt",
                "ISO-8601");
    }

    @Test
    void the_committed_json_schema_is_the_one_the_format_derives() throws IOException {
        String derived = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(ExportFormat.jsonSchema()) + "\n";
        if (Boolean.getBoolean("preptrack.export.schema.write")) {
            Files.writeString(COMMITTED_SCHEMA, derived, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(COMMITTED_SCHEMA, StandardCharsets.UTF_8))
                .as("docs/export.schema.json is stale: run mvn -pl schemas test -Dpreptrack.export.schema.write=true")
                .isEqualTo(derived);
    }

    private static String edit(String line, java.util.function.Consumer<ObjectNode> change) throws IOException {
        ObjectNode node = (ObjectNode) JSON.readTree(line);
        change.accept(node);
        return node.toString();
    }

    private static void assertRefused(String line, String field, String message) {
        assertThatThrownBy(() -> ExportFormat.parse(line))
                .isInstanceOfSatisfying(ExportFormat.MalformedEventException.class,
                        e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageContaining(message);
    }
}
