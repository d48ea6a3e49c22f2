package dev.preptrack.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A small client for the Confluent Schema Registry REST API, enough for preptrack's serde and
 * operations: register and look up a schema under a subject, fetch a schema by id, list
 * subjects and versions, test compatibility, and read or set the compatibility level.
 *
 * <p>It speaks only the documented API (content type {@value #CONTENT_TYPE}), so it works
 * against any registry that implements it. Ids and schemas never change once assigned, so
 * lookups by id and registrations are cached for the life of the client. Each call has a
 * timeout; calls that fail for reasons a retry may cure (connection refused, timeout, 5xx,
 * 429) are retried with exponential back-off, then surface as a {@link SchemaRegistryException}
 * naming the URL and the registry's own message.
 */
public final class SchemaRegistryClient {

    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final int maxAttempts;
    private final Duration initialBackoff;
    /** How long a call that a retry may cure keeps being retried (at least maxAttempts times). */
    private final Duration patience;

    /** The Authorization header for a registry that asks for credentials, or null. */
    private final String authorization;
    private final Map<Integer, Schema> schemasById;
    private final Map<SubjectSchema, Integer> idsBySubjectSchema;

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);
    /**
     * How long a background thread waits for the registry: under Kafka's default
     * {@code max.poll.interval.ms} (5 min), so a stream thread waiting keeps its partitions.
     */
    public static final Duration BACKGROUND_PATIENCE = Duration.ofMinutes(4);

    private SchemaRegistryClient(Builder builder) {
        String url = builder.baseUrl.trim();
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.http = HttpClient.newBuilder().connectTimeout(builder.connectTimeout).build();
        this.requestTimeout = builder.requestTimeout;
        this.maxAttempts = builder.maxAttempts;
        this.initialBackoff = builder.initialBackoff;
        this.patience = Duration.ZERO;
        this.authorization = builder.userInfo == null ? null : "Basic " + java.util.Base64.getEncoder()
                .encodeToString(builder.userInfo.getBytes(StandardCharsets.UTF_8));
        this.schemasById = new ConcurrentHashMap<>();
        this.idsBySubjectSchema = new ConcurrentHashMap<>();
    }

    private SchemaRegistryClient(SchemaRegistryClient same, Duration patience) {
        this.baseUrl = same.baseUrl;
        this.http = same.http;
        this.requestTimeout = same.requestTimeout;
        this.maxAttempts = same.maxAttempts;
        this.initialBackoff = same.initialBackoff;
        this.patience = patience;
        this.authorization = same.authorization;
        this.schemasById = same.schemasById;
        this.idsBySubjectSchema = same.idsBySubjectSchema;
    }

    /**
     * This client, sharing its caches, but waiting out a registry outage of up to
     * {@code patience} (retrying at most every 2 s) before it fails. For background threads —
     * a stream thread that fails a serialization dies and takes its processor down, while one
     * that waits resumes where it was once the registry answers. Never for a thread that a
     * request waits on: that one must fail fast and be answered 503.
     */
    public SchemaRegistryClient patient(Duration patience) {
        return new SchemaRegistryClient(this, patience);
    }

    /** A client with the default timeouts (2 s to connect, 10 s per request) and 3 attempts. */
    public static SchemaRegistryClient forUrl(String baseUrl) {
        return builder(baseUrl).build();
    }

    public static Builder builder(String baseUrl) {
        return new Builder(baseUrl);
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Registers {@code schema} under {@code subject} (idempotent) and returns its global id. */
    public int register(String subject, Schema schema) {
        var key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
        int id = answer.path("id").asInt(-1);
        if (id < 0) {
            throw new SchemaRegistryException("registry at " + baseUrl + " answered a registration without an id: "
                    + answer, 200, -1, null);
        }
        idsBySubjectSchema.put(key, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    /** Finds {@code schema} among the versions of {@code subject}; fails with 40401/40403 if absent. */
    public RegisteredSchema lookup(String subject, Schema schema) {
        JsonNode answer = send("POST", "/subjects/" + encode(subject), schemaBody(schema));
        var registered = registered(answer, subject);
        idsBySubjectSchema.put(new SubjectSchema(subject, schema), registered.id());
        return registered;
    }

    /** The schema with this global id (cached: ids never change). */
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("GET", "/schemas/ids/" + id, null);
        Schema schema = parse(answer.path("schema").asText());
        schemasById.put(id, schema);
        return schema;
    }

    /** One version of a subject; {@code version} is a number or {@code latest}. */
    public RegisteredSchema version(String subject, String version) {
        return registered(send("GET", "/subjects/" + encode(subject) + "/versions/" + encode(version), null), subject);
    }

    public List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        send("GET", "/subjects", null).forEach(node -> subjects.add(node.asText()));
        return subjects;
    }

    public List<Integer> versions(String subject) {
        List<Integer> versions = new ArrayList<>();
        send("GET", "/subjects/" + encode(subject) + "/versions", null).forEach(node -> versions.add(node.asInt()));
        return versions;
    }

    /** Whether {@code schema} may be registered next under {@code subject}, per its compatibility level. */
    public boolean isCompatible(String subject, Schema schema) {
        JsonNode answer = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest",
                schemaBody(schema));
        return answer.path("is_compatible").asBoolean(false);
    }

    /** The registry-wide compatibility level. */
    public CompatibilityLevel compatibility() {
        return CompatibilityLevel.parse(send("GET", "/config", null).path("compatibilityLevel").asText());
    }

    /** The subject's own compatibility level, if one is set. */
    public Optional<CompatibilityLevel> compatibility(String subject) {
        try {
            return Optional.of(CompatibilityLevel.parse(
                    send("GET", "/config/" + encode(subject), null).path("compatibilityLevel").asText()));
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.SUBJECT_COMPATIBILITY_NOT_CONFIGURED
                    || e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public void setCompatibility(CompatibilityLevel level) {
        send("PUT", "/config", compatibilityBody(level));
    }

    public void setCompatibility(String subject, CompatibilityLevel level) {
        send("PUT", "/config/" + encode(subject), compatibilityBody(level));
    }

    private JsonNode send(String method, String path, JsonNode body) {
        URI uri = URI.create(baseUrl + path);
        var request = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Accept", CONTENT_TYPE + ", application/json")
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        SchemaRegistryException last = null;
        long patientUntil = System.nanoTime() + patience.toNanos();
        for (int attempt = 1; attempt <= maxAttempts || System.nanoTime() < patientUntil; attempt++) {
            if (attempt > 1) {
                Duration backoff = initialBackoff.multipliedBy(1L << Math.min(attempt - 2, 20));
                pause(backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff);
            }
            try {
                HttpResponse<String> response = http.send(request.build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (response.statusCode() / 100 == 2) {
                    return JSON.readTree(response.body());
                }
                last = refusal(method, uri, response);
                if (!retriable(response.statusCode())) {
                    throw last;
                }
            } catch (IOException e) {
                last = new SchemaRegistryException("schema registry at " + baseUrl + " unreachable for " + method + " "
                        + path + " (attempt " + attempt + (patience.isZero() ? " of " + maxAttempts : "") + "): " + e, -1, -1, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException("interrupted while calling " + uri, -1, -1, e);
            }
        }
        throw last;
    }

    private static boolean retriable(int status) {
        return status >= 500 || status == 429 || status == 408;
    }

    private static SchemaRegistryException refusal(String method, URI uri, HttpResponse<String> response) {
        int errorCode = -1;
        String message = response.body();
        try {
            JsonNode error = JSON.readTree(response.body());
            errorCode = error.path("error_code").asInt(-1);
            message = error.path("message").asText(message);
        } catch (IOException notJson) {
            // Not every proxy in front of a registry answers JSON; keep the raw body as the message.
        }
        return new SchemaRegistryException(method + " " + uri + " answered " + response.statusCode()
                + (errorCode >= 0 ? " (error_code " + errorCode + ")" : "") + ": " + message,
                response.statusCode(), errorCode, null);
    }

    private RegisteredSchema registered(JsonNode answer, String subject) {
        Schema schema = parse(answer.path("schema").asText());
        int id = answer.path("id").asInt();
        schemasById.putIfAbsent(id, schema);
        return new RegisteredSchema(answer.path("subject").asText(subject), id, answer.path("version").asInt(), schema);
    }

    private static Schema parse(String text) {
        try {
            return new Schema.Parser().parse(text);
        } catch (RuntimeException e) {
            throw new SchemaRegistryException("registry returned a schema that is not valid Avro: " + e.getMessage(),
                    200, SchemaRegistryException.INVALID_SCHEMA, e);
        }
    }

    private static ObjectNode schemaBody(Schema schema) {
        ObjectNode body = JSON.createObjectNode();
        body.put("schema", schema.toString());
        return body;
    }

    private static ObjectNode compatibilityBody(CompatibilityLevel level) {
        ObjectNode body = JSON.createObjectNode();
        body.put("compatibility", level.name());
        return body;
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("interrupted while waiting to retry", -1, -1, e);
        }
    }

    private record SubjectSchema(String subject, Schema schema) {
    }

    /** Timeouts and retries; the defaults suit a registry on the same machine or network. */
    public static final class Builder {
        private final String baseUrl;
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private int maxAttempts = 3;
        private Duration initialBackoff = Duration.ofMillis(100);
        private String userInfo;

        private Builder(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        public Builder maxAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
            this.maxAttempts = attempts;
            return this;
        }

        public Builder initialBackoff(Duration backoff) {
            this.initialBackoff = backoff;
            return this;
        }

        /** HTTP basic credentials, {@code user:password}, sent with every request (Confluent's {@code basic.auth.user.info}). */
        public Builder basicAuth(String userInfo) {
            this.userInfo = userInfo;
            return this;
        }

        public SchemaRegistryClient build() {
            return new SchemaRegistryClient(this);
        }
    }
}
