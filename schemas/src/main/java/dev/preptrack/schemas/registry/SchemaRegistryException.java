package dev.preptrack.schemas.registry;

/**
 * A schema registry refused a request or could not be reached. Carries the HTTP status and
 * Confluent's {@code error_code} when the registry answered (both -1 when it did not), so
 * callers can tell "not found" from "incompatible" from "unreachable".
 */
public class SchemaRegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Confluent's codes that callers branch on. */
    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int SUBJECT_COMPATIBILITY_NOT_CONFIGURED = 40408;
    public static final int INCOMPATIBLE_SCHEMA = 409;
    public static final int INVALID_SCHEMA = 42201;
    public static final int INVALID_VERSION = 42202;
    public static final int INVALID_COMPATIBILITY_LEVEL = 42203;

    private final int status;
    private final int errorCode;

    public SchemaRegistryException(String message, int status, int errorCode, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
    }

    /** The HTTP status of the registry's answer, or -1 when it could not be reached. */
    public int status() {
        return status;
    }

    /** Confluent's {@code error_code} from the answer, or -1 when there was none. */
    public int errorCode() {
        return errorCode;
    }

    /** True when the registry could not be reached or failed on its side; a retry may help. */
    public boolean isUnavailable() {
        return status < 0 || status >= 500;
    }

    /**
     * True when {@code failure} (a deserializer's, say) comes of an unavailable registry anywhere
     * in its causes: it then says nothing about the record, which must not be set aside as poison.
     */
    public static boolean unavailableIn(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof SchemaRegistryException registry && registry.isUnavailable()) {
                return true;
            }
        }
        return false;
    }
}
