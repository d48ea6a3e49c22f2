package dev.preptrack.ui.http.requests;

import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import dev.preptrack.tracker.app.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;

/**
 * Turns the validator's errors into the project's field errors: the path in the dotted
 * convention clients already parse ({@code sections[0].seconds}, {@code source.role},
 * {@code sections.okrs}, {@code body}) and a short message in the words the hand-written reader
 * used. Where a rule lives in {@code common.json}'s {@code $defs}, the definition's name decides
 * the message, so the schemas need no vendor keywords.
 */
final class SchemaErrors {

    static final String ID_RULE = "must be 1 to 64 letters, digits, '.', '_', ':' or '-', starting with a letter or digit";
    static final String INSTANT_RULE = "must be an ISO-8601 instant, e.g. 2026-11-20T18:00:00Z, or a date, e.g. 2026-11-20";
    static final String SERVER_OWNED = "is set by the server, not the client";

    private SchemaErrors() {
    }

    /** One field error per distinct (path, message): an occurredAt failing both formats is one problem. */
    static List<FieldError> of(List<Error> errors) {
        Set<FieldError> fieldErrors = new LinkedHashSet<>();
        for (Error error : errors) {
            fieldErrors.add(new FieldError(path(error), message(error)));
        }
        return new ArrayList<>(fieldErrors);
    }

    static String path(Error error) {
        StringBuilder path = new StringBuilder();
        NodePath location = error.getInstanceLocation();
        for (int i = 0; i < location.getNameCount(); i++) {
            appendElement(path, location.getElement(i));
        }
        // These keywords fail on the object, yet the problem is one named member of it.
        if (namesAMember(error.getKeyword()) && error.getProperty() != null) {
            appendElement(path, error.getProperty());
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static boolean namesAMember(String keyword) {
        return keyword.equals("required") || keyword.equals("additionalProperties") || keyword.equals("propertyNames");
    }

    private static void appendElement(StringBuilder path, Object element) {
        if (element instanceof Integer index) {
            path.append('[').append(index).append(']');
        } else {
            if (!path.isEmpty()) {
                path.append('.');
            }
            path.append(element);
        }
    }

    static String message(Error error) {
        String definition = commonDefinition(error);
        if (definition != null) {
            switch (definition) {
                case "serverOwned":
                    return SERVER_OWNED;
                case "occurredAt":
                    if (!error.getKeyword().equals("type") && !error.getKeyword().equals("maxLength")) {
                        return INSTANT_RULE;
                    }
                    break;
                case "id":
                    if (error.getKeyword().equals("pattern")) {
                        return ID_RULE;
                    }
                    break;
                case "notBlank":
                    return "must not be empty or blank";
                case "sectionTexts":
                    if (error.getKeyword().equals("propertyNames")) {
                        return "is not a valid section id: it " + ID_RULE;
                    }
                    break;
                default:
                    break;
            }
        }
        return describe(error) + whatWasSent(error);
    }

    /** The value a person sent, where it helps to see it beside the rule ("must be one of …" (is 'karaoke')). */
    private static String whatWasSent(Error error) {
        JsonNode sent = error.getInstanceNode();
        if (sent == null) {
            return "";
        }
        return switch (error.getKeyword()) {
            case "enum", "minimum", "maximum" -> sent.isString() ? " (is '" + sent.asString() + "')"
                    : sent.isNumber() ? " (is " + sent.asString() + ")" : "";
            case "maxLength" -> sent.isString() ? " (is " + sent.asString().codePointCount(0, sent.asString().length())
                    + ")" : "";
            default -> "";
        };
    }

    private static String describe(Error error) {
        JsonNode schemaValue = error.getSchemaNode();
        return switch (error.getKeyword()) {
            case "required" -> "is required";
            case "additionalProperties" -> "is not a known field";
            case "type" -> error.getInstanceLocation().getNameCount() == 0 ? "must be a JSON object"
                    : "must be " + expectedType(schemaValue);
            case "enum" -> "must be one of " + StreamSupport.stream(schemaValue.spliterator(), false)
                    .map(JsonNode::asString).collect(Collectors.joining(", "));
            case "minimum" -> "must be at least " + schemaValue.asString();
            case "maximum" -> "must be at most " + schemaValue.asString();
            case "maxLength" -> "must be at most " + schemaValue.asString() + " characters";
            case "minLength" -> "must be at least " + schemaValue.asString() + " characters";
            case "maxItems" -> "must have at most " + schemaValue.asString() + " items";
            case "minItems" -> "must have at least " + schemaValue.asString() + (schemaValue.asInt() == 1 ? " item" : " items");
            case "maxProperties" -> "must have at most " + schemaValue.asString() + " entries";
            default -> error.getMessage();
        };
    }

    /** The name of the {@code common.json} definition the failing keyword sits in, or null. */
    private static String commonDefinition(Error error) {
        NodePath fragment = error.getSchemaLocation().getFragment();
        if (!error.getSchemaLocation().getAbsoluteIri().toString().endsWith("/common.json")
                || fragment.getNameCount() < 2 || !"$defs".equals(fragment.getName(0))) {
            return null;
        }
        return fragment.getName(1);
    }

    /** "a string", "a whole number"…: a union with null names only the non-null type, null meaning absent. */
    private static String expectedType(JsonNode type) {
        List<String> names = new ArrayList<>();
        if (type.isArray()) {
            type.forEach(name -> names.add(name.asString()));
        } else {
            names.add(type.asString());
        }
        names.remove("null");
        return names.stream().map(SchemaErrors::typeWords).collect(Collectors.joining(" or "));
    }

    private static String typeWords(String jsonType) {
        return switch (jsonType) {
            case "integer" -> "a whole number";
            case "number" -> "a number";
            case "string" -> "a string";
            case "object" -> "an object";
            case "array" -> "an array";
            case "boolean" -> "true or false";
            default -> jsonType;
        };
    }
}
