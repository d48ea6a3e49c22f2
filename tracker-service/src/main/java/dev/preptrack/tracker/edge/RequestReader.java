package dev.preptrack.tracker.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads the fields of one JSON object, checking types, ranges and sizes as it goes and
 * collecting every problem with its field path. Fields nobody asked for are reported as
 * unknown by {@link #finish()}, and fields only the server may set as not accepted.
 */
final class RequestReader {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    private final ObjectNode object;
    private final String prefix;
    private final List<FieldError> errors;
    private final List<RequestReader> readers;
    private final Set<String> read = new HashSet<>();

    private RequestReader(ObjectNode object, String prefix, List<FieldError> errors, List<RequestReader> readers) {
        this.object = object;
        this.prefix = prefix;
        this.errors = errors;
        this.readers = readers;
        readers.add(this);
    }

    /** A reader of the request body; fails at once when the body is not a JSON object. */
    static RequestReader body(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw InvalidRequestException.of("body", "must be a JSON object");
        }
        return new RequestReader((ObjectNode) body, "", new ArrayList<>(), new ArrayList<>());
    }

    RequestReader object(String field, boolean required) {
        JsonNode value = take(field, required);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            error(field, "must be an object");
            return null;
        }
        return new RequestReader((ObjectNode) value, path(field) + ".", errors, readers);
    }

    String text(String field, boolean required, int maxLength) {
        JsonNode value = take(field, required);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            error(field, "must be a string");
            return null;
        }
        String text = value.asText();
        if (required && text.isBlank()) {
            error(field, "must not be empty");
        } else if (text.length() > maxLength) {
            error(field, "must be at most " + maxLength + " characters (is " + text.length() + ")");
        }
        return text;
    }

    /** Why {@code text} is not an id, or null when it is one. */
    static String idProblem(String text) {
        return ID.matcher(text).matches() ? null
                : "must be 1 to 64 letters, digits, '.', '_', ':' or '-', starting with a letter or digit";
    }

    String id(String field, boolean required) {
        String id = text(field, required, 64);
        if (id != null && !ID.matcher(id).matches()) {
            error(field, "must be 1 to 64 letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
        }
        return id;
    }

    Integer integer(String field, boolean required, int min, int max) {
        JsonNode value = take(field, required);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            error(field, "must be a whole number from " + min + " to " + max);
            return null;
        }
        int number = value.asInt();
        if (number < min || number > max) {
            error(field, "must be from " + min + " to " + max + " (is " + number + ")");
            return null;
        }
        return number;
    }

    <T> T choice(String field, boolean required, Map<String, T> choices) {
        String text = text(field, required, 64);
        if (text == null) {
            return null;
        }
        T choice = choices.get(text);
        if (choice == null) {
            error(field, "must be one of " + new java.util.TreeSet<>(choices.keySet()) + " (is '" + text + "')");
        }
        return choice;
    }

    Instant instant(String field, Instant earliest, Instant latest) {
        String text = text(field, false, 64);
        if (text == null) {
            return null;
        }
        try {
            // A plain date means the start of that day (UTC): people log practice by the day.
            Instant instant = text.matches("\\d{4}-\\d{2}-\\d{2}")
                    ? java.time.LocalDate.parse(text).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
                    : Instant.parse(text);
            if (instant.isBefore(earliest)) {
                error(field, "must not be before " + earliest + " (is " + text + ")");
            } else if (instant.isAfter(latest)) {
                error(field, "must not be in the future (is " + text + ")");
            }
            return instant;
        } catch (DateTimeParseException e) {
            error(field, "must be a date such as 2026-11-20 or an instant such as 2026-11-20T18:30:00Z (is '" + text + "')");
            return null;
        }
    }

    List<String> strings(String field, int maxItems, Function<String, String> itemCheck) {
        JsonNode value = take(field, false);
        List<String> strings = new ArrayList<>();
        if (value == null) {
            return strings;
        }
        if (!value.isArray()) {
            error(field, "must be an array of strings");
            return strings;
        }
        if (value.size() > maxItems) {
            error(field, "must have at most " + maxItems + " items (has " + value.size() + ")");
            return strings;
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String problem = item.isTextual() ? itemCheck.apply(item.asText()) : "must be a string";
            if (problem != null) {
                error(field + "[" + i + "]", problem);
            } else {
                strings.add(item.asText());
            }
        }
        return strings;
    }

    /** An object whose keys are ids and whose values are texts (section id → text). */
    Map<String, String> textsById(String field, boolean required, int maxEntries, int maxLength) {
        JsonNode value = take(field, required);
        Map<String, String> texts = new LinkedHashMap<>();
        if (value == null) {
            return texts;
        }
        if (!value.isObject()) {
            error(field, "must be an object of section id to text");
            return texts;
        }
        if (value.size() > maxEntries) {
            error(field, "must have at most " + maxEntries + " entries (has " + value.size() + ")");
            return texts;
        }
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            String key = field + "." + entry.getKey();
            if (!ID.matcher(entry.getKey()).matches()) {
                error(key, "is not a valid section id");
            } else if (!entry.getValue().isTextual()) {
                error(key, "must be a string");
            } else if (entry.getValue().asText().length() > maxLength) {
                error(key, "must be at most " + maxLength + " characters (is " + entry.getValue().asText().length() + ")");
            } else {
                texts.put(entry.getKey(), entry.getValue().asText());
            }
        }
        return texts;
    }

    /** The elements of an array of objects, each with its own reader. */
    List<RequestReader> objects(String field, boolean required, int maxItems) {
        JsonNode value = take(field, required);
        List<RequestReader> items = new ArrayList<>();
        if (value == null) {
            return items;
        }
        if (!value.isArray()) {
            error(field, "must be an array of objects");
            return items;
        }
        if (value.size() > maxItems) {
            error(field, "must have at most " + maxItems + " items (has " + value.size() + ")");
            return items;
        }
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isObject()) {
                error(field + "[" + i + "]", "must be an object");
            } else {
                items.add(new RequestReader((ObjectNode) value.get(i), path(field) + "[" + i + "].", errors, this.readers));
            }
        }
        return items;
    }

    /** Refuses fields the server sets itself, whatever their value. */
    void serverOwned(String... fields) {
        for (String field : fields) {
            if (object.has(field)) {
                read.add(field);
                error(field, "is set by the server and must not be sent");
            }
        }
    }

    void error(String field, String message) {
        errors.add(new FieldError(path(field), message));
    }

    /** Reports unknown fields of this object and every nested one; throws if anything was wrong. */
    void finish() {
        List.copyOf(readers).forEach(RequestReader::reportUnknown);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }

    private void reportUnknown() {
        for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!read.contains(name)) {
                error(name, "is not a known field");
            }
        }
    }

    private JsonNode take(String field, boolean required) {
        read.add(field);
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                error(field, "is required");
            }
            return null;
        }
        return value;
    }

    private String path(String field) {
        return prefix + field;
    }
}
