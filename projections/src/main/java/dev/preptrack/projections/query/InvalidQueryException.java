package dev.preptrack.projections.query;

/**
 * A query refused because one of its parameters means nothing under the rules or cannot be
 * read; names the parameter ({@link #field()}) and says what would be accepted ({@link #reason()}).
 */
public final class InvalidQueryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String reason;

    public InvalidQueryException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
