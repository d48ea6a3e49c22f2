package dev.preptrack.ui.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** What the CLI's tables share: cutting text to a column and reading optional fields. */
final class Tables {

    private Tables() {
    }

    /** The text cut to {@code max} characters, with an ellipsis when cut. */
    static String shorten(String text, int max) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 1) + "…";
    }

    /** A field's text, or {@code absent} when it is missing or null. */
    static String text(JsonNode node, String field, String absent) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? absent : value.asText();
    }

    /** An ISO-8601 instant as its date and minute ("2026-11-30 18:05"), for a column. */
    static String minute(String instant) {
        return instant == null || instant.length() < 16 ? "" : instant.substring(0, 10) + " " + instant.substring(11, 16);
    }

    /** A column as wide as its longest value (ids are copied from tables, so they are never cut), within bounds. */
    static int width(java.util.Collection<String> values, String header, int max) {
        int widest = header.length();
        for (String value : values) {
            widest = Math.max(widest, value.length());
        }
        return Math.min(widest, max);
    }

    /** The giver as a person reads it: "Priya (coach)", and only "interviewer" when the role is all we know. */
    static String giver(JsonNode source) {
        String name = text(source, "name", "");
        String role = text(source, "role", "");
        return name.isEmpty() || name.equalsIgnoreCase(role) || name.equalsIgnoreCase("unknown") ? role
                : name + " (" + role + ")";
    }

    /**
     * Newest first by an ISO-8601 instant field. Compared as instants, not text: "…:00Z" sorts
     * after "…:00.5Z" as text.
     */
    static java.util.Comparator<JsonNode> newestFirst(String field) {
        return java.util.Comparator.comparing((JsonNode node) -> instant(node.path(field).asText())).reversed();
    }

    private static java.time.Instant instant(String text) {
        try {
            return java.time.Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            return java.time.Instant.EPOCH;
        }
    }
}
