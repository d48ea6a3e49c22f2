package dev.preptrack.backbone.registry;

/**
 * A request the registry refuses, with the HTTP status and Confluent {@code error_code} its
 * API answers with.
 */
public final class RegistryError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final int errorCode;

    private RegistryError(int status, int errorCode, String message) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    public int status() {
        return status;
    }

    public int errorCode() {
        return errorCode;
    }

    static RegistryError subjectNotFound(String subject) {
        return new RegistryError(404, 40401, "Subject '" + subject + "' not found.");
    }

    static RegistryError versionNotFound(String subject, String version) {
        return new RegistryError(404, 40402, "Version " + version + " not found for subject '" + subject + "'.");
    }

    static RegistryError schemaNotFound(String what) {
        return new RegistryError(404, 40403, "Schema " + what + " not found.");
    }

    static RegistryError subjectLevelNotConfigured(String subject) {
        return new RegistryError(404, 40408, "Subject '" + subject
                + "' does not have subject-level compatibility configured");
    }

    public static RegistryError routeNotFound(String method, String path) {
        return new RegistryError(404, 40401, "No such route: " + method + " " + path);
    }

    static RegistryError incompatible(String detail) {
        return new RegistryError(409, 409, "Schema being registered is incompatible with an earlier schema for subject: "
                + detail);
    }

    static RegistryError invalidSchema(String detail) {
        return new RegistryError(422, 42201, "Invalid schema: " + detail);
    }

    static RegistryError invalidVersion(String version) {
        return new RegistryError(422, 42202, "The specified version '" + version
                + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    static RegistryError invalidCompatibilityLevel(String level) {
        return new RegistryError(422, 42203, "Invalid compatibility level: " + level);
    }

    public static RegistryError badRequest(String detail) {
        return new RegistryError(400, 400, detail);
    }

    static RegistryError storeFailure(String detail) {
        return new RegistryError(500, 50001, "Error in the backend data store: " + detail);
    }

    public static RegistryError unavailable(String detail) {
        return new RegistryError(503, 50003, detail);
    }
}
