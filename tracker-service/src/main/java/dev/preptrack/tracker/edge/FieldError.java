package dev.preptrack.tracker.edge;

/** One thing wrong with a request, named by the field (dotted path) it is in. */
public record FieldError(String field, String message) {
}
