package dev.preptrack.rules;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The structure of a rules document, as the JSON Schema {@code rules.schema.json} (draft
 * 2020-12) states it, with each violation worded for the person who wrote the document and
 * placed at its field path in the loader's convention ({@code rubrics[1].sections[2].budgetSeconds}).
 * At most one problem is reported per field: a value that is both of the wrong type and out
 * of range needs one fix, not two.
 */
final class RulesSchema {

    private static final String RESOURCE = "/dev/preptrack/rules/rules.schema.json";

    /**
     * What a value of each {@code $defs} entry must be, for the keywords that sit directly in
     * it. The schema's {@code $comment} points here; {@code RulesSchemaTest} checks that every
     * entry names a definition of the schema.
     */
    static final Map<String, String> EXPECTED = Map.ofEntries(
            Map.entry("positiveWholeNumber", "must be a positive whole number"),
            Map.entry("positiveNumber", "must be a positive number"),
            Map.entry("fraction", "must be a number from 0 to 1"),
            Map.entry("score", "must be a whole score from 1 to 5"),
            Map.entry("percent", "must be a whole score from 0 to 100"),
            Map.entry("growthFactor", "must be at least 1, so success never shortens memory"),
            Map.entry("id", "must be a lower-case id of letters, digits and '-' (e.g. 'xf-alignment')"),
            Map.entry("text", "must be a non-empty string"),
            Map.entry("patterns", "must hold at least one pattern"),
            Map.entry("rubrics", "must be a non-empty array"),
            Map.entry("sections", "must be a non-empty array"),
            Map.entry("themeDefinitions", "must be a non-empty array"));

    private static final Map<String, String> TYPE_NAMES = Map.of("integer", "a whole number", "number", "a number",
            "string", "a string", "array", "an array", "object", "an object", "boolean", "true or false");

    private static final Schema SCHEMA = load();

    private RulesSchema() {
    }

    private static Schema load() {
        try (InputStream in = RulesSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the rules schema is missing from the class path at " + RESOURCE);
            }
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in, InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every structural problem of a document already known to be a JSON object, in document order. */
    static List<String> problems(String document) {
        Map<String, String> byField = new LinkedHashMap<>();
        for (Error error : SCHEMA.validate(document, InputFormat.JSON)) {
            String field = fieldOf(error);
            byField.putIfAbsent(field, field + ": " + messageOf(error));
        }
        return new ArrayList<>(byField.values());
    }

    /** The field a problem is about: for a missing or unknown field, that field rather than its parent object. */
    private static String fieldOf(Error error) {
        String path = path(error.getInstanceLocation());
        return switch (error.getKeyword()) {
            case "required", "additionalProperties" -> path.isEmpty() ? error.getProperty() : path + "." + error.getProperty();
            default -> path.isEmpty() ? "the document" : path;
        };
    }

    private static String messageOf(Error error) {
        return switch (error.getKeyword()) {
            case "required" -> "is required";
            case "additionalProperties" -> "is not a known field";
            // The type comes first: "must be a number" says what to write, a range does not.
            case "type" -> "must be " + TYPE_NAMES.getOrDefault(error.getSchemaNode().asString(), error.getSchemaNode().asString());
            default -> expectation(error.getSchemaLocation()).orElseGet(error::getMessage);
        };
    }

    private static java.util.Optional<String> expectation(SchemaLocation location) {
        NodePath fragment = location.getFragment();
        if (fragment == null || fragment.getNameCount() != 3 || !"$defs".equals(fragment.getName(0))) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.ofNullable(EXPECTED.get(fragment.getName(1)));
    }

    /** {@code /themes/definitions/0/patterns/0} as the loader writes it: {@code themes.definitions[0].patterns[0]}. */
    static String path(NodePath location) {
        var out = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                out.append('[').append(index).append(']');
            } else {
                out.append(out.isEmpty() ? "" : ".").append(element);
            }
        }
        return out.toString();
    }
}
