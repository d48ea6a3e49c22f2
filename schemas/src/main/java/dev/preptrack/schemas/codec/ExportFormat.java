package dev.preptrack.schemas.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.preptrack.events.Envelope;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;

/**
 * The export's format: one event per line as plain JSON a person can read and any tool can
 * parse — instants as ISO-8601 text, enums in lower case with dashes ({@code peer-mock}), an
 * absent optional field left out rather than wrapped in a union, and the payload naming its type
 * in a {@code "type"} field. Derived from the envelope's Avro schema, field by field, so a field or
 * payload type added to the schema is exported, restored and described without touching this
 * class; {@link #jsonSchema()} describes the lines for people and validators.
 *
 * <p>Lossless: {@code parse(line(e))} equals {@code e} for every envelope, which a property test
 * checks. Parsing is strict: a field the schema does not have, a missing required field or a value
 * of the wrong shape is refused, naming the field, so a hand-edited file cannot restore into
 * something other than what it says.
 */
public final class ExportFormat {

    /** The field of a payload object that names its type (no payload has a field of that name). */
    public static final String TYPE = "type";

    private static final Schema ENVELOPE = Envelope.getClassSchema();
    /** The generated classes' own model: it builds their records and enums and knows their conversions. */
    private static final SpecificData MODEL = SpecificData.getForClass(Envelope.class);
    /** Strict: a second object or trailing text on a line, or a key given twice, is refused, not ignored. */
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ExportFormat() {
    }

    /** A line of the export is not an event: where and why. */
    public static final class MalformedEventException extends IllegalArgumentException {
        private final String field;

        MalformedEventException(String field, String message) {
            super(field.isEmpty() ? message : field + ": " + message);
            this.field = field;
        }

        /** The field at fault as a JSON path from the line ({@code payload.sections[0].seconds}), or "". */
        public String field() {
            return field;
        }
    }

    /** The event as one line of plain JSON, without the line break. */
    public static String line(Envelope event) {
        try {
            return JSON.writeValueAsString(toJson(ENVELOPE, event));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write an event as JSON", e);
        }
    }

    /** The event a line of the export stands for. */
    public static Envelope parse(String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("", "not JSON: " + e.getOriginalMessage());
        }
        if (node == null || node.isMissingNode()) {
            throw new MalformedEventException("", "empty line");
        }
        return (Envelope) fromJson(ENVELOPE, node, "");
    }

    /** A JSON Schema (draft 2020-12) of one line of the export, from the envelope's schema and docs. */
    public static ObjectNode jsonSchema() {
        ObjectNode schema = NODES.objectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", "https://preptrack.dev/schemas/export-event.json");
        schema.put("title", "One line of a preptrack export: an event of a candidate's history");
        schema.setAll(describe(ENVELOPE));
        return schema;
    }

    // ---- Avro datum → plain JSON

    private static JsonNode toJson(Schema schema, Object value) {
        return switch (schema.getType()) {
            case RECORD -> {
                IndexedRecord record = (IndexedRecord) value;
                ObjectNode object = NODES.objectNode();
                for (Schema.Field field : schema.getFields()) {
                    Object fieldValue = record.get(field.pos());
                    if (fieldValue != null) {
                        object.set(field.name(), toJson(field.schema(), fieldValue));
                    }
                }
                yield object;
            }
            case UNION -> {
                Schema branch = schema.getTypes().get(MODEL.resolveUnion(schema, value));
                JsonNode node = toJson(branch, value);
                if (namesItsBranch(schema)) {
                    ObjectNode typed = NODES.objectNode().put(TYPE, branch.getName());
                    typed.setAll((ObjectNode) node);
                    yield typed;
                }
                yield node;
            }
            case ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                for (Object item : (List<?>) value) {
                    array.add(toJson(schema.getElementType(), item));
                }
                yield array;
            }
            case MAP -> {
                ObjectNode object = NODES.objectNode();
                ((Map<?, ?>) value).forEach((key, item) -> object.set(key.toString(), toJson(schema.getValueType(), item)));
                yield object;
            }
            case ENUM -> NODES.textNode(plainSymbol(value.toString()));
            case STRING -> NODES.textNode(value.toString());
            case LONG -> value instanceof Instant instant ? NODES.textNode(instant.toString())
                    : NODES.numberNode((Long) value);
            case INT -> NODES.numberNode((Integer) value);
            case BOOLEAN -> NODES.booleanNode((Boolean) value);
            case DOUBLE -> NODES.numberNode((Double) value);
            case FLOAT -> NODES.numberNode((Float) value);
            case NULL -> NODES.nullNode();
            default -> throw new IllegalStateException("the export has no form for Avro " + schema.getType());
        };
    }

    // ---- plain JSON → Avro datum

    private static Object fromJson(Schema schema, JsonNode node, String path) {
        switch (schema.getType()) {
            case RECORD -> {
                if (!node.isObject()) {
                    throw new MalformedEventException(path, "must be an object");
                }
                IndexedRecord record = (IndexedRecord) MODEL.newRecord(null, schema);
                Map<String, JsonNode> given = new HashMap<>();
                node.fields().forEachRemaining(entry -> given.put(entry.getKey(), entry.getValue()));
                for (Schema.Field field : schema.getFields()) {
                    JsonNode value = given.remove(field.name());
                    String at = join(path, field.name());
                    if (value == null || value.isNull()) {
                        record.put(field.pos(), absent(field, at));
                    } else {
                        record.put(field.pos(), fromJson(field.schema(), value, at));
                    }
                }
                if (!given.isEmpty()) {
                    String unknown = given.keySet().iterator().next();
                    throw new MalformedEventException(join(path, unknown), "is not a field of " + schema.getName());
                }
                return record;
            }
            case UNION -> {
                if (namesItsBranch(schema)) {
                    JsonNode type = node.isObject() ? node.get(TYPE) : null;
                    if (type == null || !type.isTextual()) {
                        throw new MalformedEventException(join(path, TYPE), "must name the payload's type, one of "
                                + branchNames(schema));
                    }
                    Schema branch = schema.getTypes().stream().filter(s -> s.getName().equals(type.asText()))
                            .findFirst().orElseThrow(() -> new MalformedEventException(join(path, TYPE), "'"
                                    + type.asText() + "' is not a payload type; one of " + branchNames(schema)));
                    ObjectNode fields = ((ObjectNode) node).deepCopy();
                    fields.remove(TYPE);
                    return fromJson(branch, fields, path);
                }
                return fromJson(nonNull(schema), node, path);
            }
            case ARRAY -> {
                if (!node.isArray()) {
                    throw new MalformedEventException(path, "must be an array");
                }
                List<Object> items = new ArrayList<>(node.size());
                for (int i = 0; i < node.size(); i++) {
                    items.add(fromJson(schema.getElementType(), node.get(i), path + "[" + i + "]"));
                }
                return items;
            }
            case MAP -> {
                if (!node.isObject()) {
                    throw new MalformedEventException(path, "must be an object");
                }
                Map<String, Object> map = new java.util.LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                    var entry = it.next();
                    if (entry.getValue().isNull()) {
                        throw new MalformedEventException(join(path, entry.getKey()), "must not be null");
                    }
                    map.put(entry.getKey(), fromJson(schema.getValueType(), entry.getValue(), join(path, entry.getKey())));
                }
                return map;
            }
            case ENUM -> {
                String symbol = node.isTextual() ? node.asText().toUpperCase(Locale.ROOT).replace('-', '_') : null;
                if (symbol == null || !schema.getEnumSymbols().contains(symbol)) {
                    throw new MalformedEventException(path, "must be one of " + schema.getEnumSymbols().stream()
                            .map(ExportFormat::plainSymbol).toList());
                }
                return MODEL.createEnum(symbol, schema);
            }
            case STRING -> {
                if (!node.isTextual()) {
                    throw new MalformedEventException(path, "must be a string");
                }
                return node.asText();
            }
            case LONG -> {
                if (isTimestamp(schema)) {
                    if (!node.isTextual()) {
                        throw new MalformedEventException(path, "must be an ISO-8601 instant, like 2026-11-30T18:00:00Z");
                    }
                    try {
                        return Instant.ofEpochMilli(Instant.parse(node.asText()).toEpochMilli());
                    } catch (DateTimeParseException | ArithmeticException e) {
                        throw new MalformedEventException(path, "'" + node.asText()
                                + "' is not an ISO-8601 instant, like 2026-11-30T18:00:00Z");
                    }
                }
                if (!node.canConvertToLong() || !node.isIntegralNumber()) {
                    throw new MalformedEventException(path, "must be a whole number");
                }
                return node.asLong();
            }
            case INT -> {
                if (!node.isIntegralNumber() || !node.canConvertToInt()) {
                    throw new MalformedEventException(path, "must be a whole number");
                }
                return node.asInt();
            }
            case BOOLEAN -> {
                if (!node.isBoolean()) {
                    throw new MalformedEventException(path, "must be true or false");
                }
                return node.asBoolean();
            }
            case DOUBLE -> {
                if (!node.isNumber()) {
                    throw new MalformedEventException(path, "must be a number");
                }
                return node.asDouble();
            }
            case FLOAT -> {
                if (!node.isNumber()) {
                    throw new MalformedEventException(path, "must be a number");
                }
                return (float) node.asDouble();
            }
            default -> throw new IllegalStateException("the export has no form for Avro " + schema.getType());
        }
    }

    /** A field the line leaves out (or gives as null): its default, or a refusal naming it. */
    private static Object absent(Schema.Field field, String path) {
        if (isNullable(field.schema())) {
            return null;
        }
        if (field.hasDefaultValue()) {
            Object fallback = MODEL.getDefaultValue(field);
            return fallback instanceof List<?> list ? new ArrayList<>(list)
                    : fallback instanceof Map<?, ?> map ? new HashMap<>(map) : fallback;
        }
        throw new MalformedEventException(path, "is required");
    }

    // ---- the JSON Schema

    private static ObjectNode describe(Schema schema) {
        ObjectNode node = NODES.objectNode();
        switch (schema.getType()) {
            case RECORD -> {
                node.put("type", "object");
                if (schema.getDoc() != null) {
                    node.put("description", schema.getDoc());
                }
                ObjectNode properties = node.putObject("properties");
                ArrayNode required = NODES.arrayNode();
                for (Schema.Field field : schema.getFields()) {
                    ObjectNode property = describe(isNullable(field.schema()) ? nonNull(field.schema()) : field.schema());
                    if (field.doc() != null) {
                        property.put("description", field.doc());
                    }
                    properties.set(field.name(), isNullable(field.schema())
                            ? NODES.objectNode().set("anyOf", NODES.arrayNode().add(property)
                                    .add(NODES.objectNode().put("type", "null")))
                            : property);
                    if (!isNullable(field.schema()) && !field.hasDefaultValue()) {
                        required.add(field.name());
                    }
                }
                node.set("required", required);
                node.put("additionalProperties", false);
            }
            case UNION -> {
                if (!namesItsBranch(schema)) {
                    throw new IllegalStateException("a union with several branches must be of records");
                }
                ArrayNode oneOf = node.putArray("oneOf");
                for (Schema branch : schema.getTypes()) {
                    ObjectNode record = describe(branch);
                    ObjectNode properties = NODES.objectNode();
                    properties.set(TYPE, NODES.objectNode().put("const", branch.getName()));
                    properties.setAll((ObjectNode) record.get("properties"));
                    record.set("properties", properties);
                    ((ArrayNode) record.get("required")).insert(0, TYPE);
                    oneOf.add(record);
                }
            }
            case ARRAY -> {
                node.put("type", "array");
                node.set("items", describe(schema.getElementType()));
            }
            case MAP -> {
                node.put("type", "object");
                node.set("additionalProperties", describe(schema.getValueType()));
            }
            case ENUM -> {
                ArrayNode symbols = node.putArray("enum");
                schema.getEnumSymbols().forEach(symbol -> symbols.add(plainSymbol(symbol)));
                if (schema.getDoc() != null) {
                    node.put("description", schema.getDoc());
                }
            }
            case STRING -> node.put("type", "string");
            case LONG -> {
                if (isTimestamp(schema)) {
                    node.put("type", "string").put("format", "date-time");
                } else {
                    node.put("type", "integer");
                }
            }
            case INT -> node.put("type", "integer");
            case BOOLEAN -> node.put("type", "boolean");
            case DOUBLE, FLOAT -> node.put("type", "number");
            default -> throw new IllegalStateException("the export has no form for Avro " + schema.getType());
        }
        return node;
    }

    // ---- helpers

    /** A union of several records (the payload): each value says which it is. */
    private static boolean namesItsBranch(Schema union) {
        return union.getType() == Schema.Type.UNION && union.getTypes().stream()
                .filter(s -> s.getType() != Schema.Type.NULL).count() > 1;
    }

    private static boolean isNullable(Schema schema) {
        return schema.getType() == Schema.Type.UNION && !namesItsBranch(schema)
                && schema.getTypes().stream().anyMatch(s -> s.getType() == Schema.Type.NULL);
    }

    private static Schema nonNull(Schema union) {
        return union.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElseThrow();
    }

    private static List<String> branchNames(Schema union) {
        return union.getTypes().stream().map(Schema::getName).toList();
    }

    private static boolean isTimestamp(Schema schema) {
        LogicalType logical = schema.getLogicalType();
        return logical instanceof LogicalTypes.TimestampMillis;
    }

    private static String plainSymbol(String symbol) {
        return symbol.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
