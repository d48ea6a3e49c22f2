package dev.preptrack.tracker.app;

/** One thing wrong with a request, named by the field (dotted path) it is in. */
public record FieldError(String field, String message) {
}
