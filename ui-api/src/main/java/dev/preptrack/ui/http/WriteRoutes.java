package dev.preptrack.ui.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.preptrack.domain.event.Actor;
import dev.preptrack.tracker.app.FieldError;
import dev.preptrack.tracker.app.InvalidRequestException;
import dev.preptrack.tracker.app.Origin;
import dev.preptrack.tracker.domain.CandidateCommand;
import dev.preptrack.tracker.domain.CommandResult;
import dev.preptrack.tracker.domain.Rejection;
import dev.preptrack.ui.http.requests.BodyBinder;
import dev.preptrack.ui.http.requests.RequestCommands;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The write routes, thin: read the body against its schema into a request record, turn it into
 * the domain's command, let the write use case run it, and map the result to HTTP — the
 * event id and the position to read it at, or a problem document naming the field at fault.
 * What is HTTP's own stays here: headers (If-Match, Idempotency-Key) and statuses.
 */
final class WriteRoutes {

    static final int MAX_BODY_BYTES = 256 * 1024;
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,128}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    /** The command's names for what HTTP carries in headers. */
    private static final Map<String, String> HEADER_FIELDS = Map.of("expectedVersion", "If-Match",
            "commandId", "Idempotency-Key");

    private final Backends backends;
    private final BodyBinder bodies = new BodyBinder();

    WriteRoutes(Backends backends) {
        this.backends = backends;
    }

    void createStory(Context ctx) {
        var body = bodies.createStory(json(ctx));
        write(ctx, 201, RequestCommands.createStory(body), body.occurredAt());
    }

    void editStory(Context ctx) {
        String ifMatch = ctx.header("If-Match");
        if (ifMatch == null || ifMatch.isBlank()) {
            Problem.send(ctx, 428, "Precondition Required", "send If-Match: \"<version>\" with the story version you "
                    + "edited, so that a concurrent edit is not overwritten",
                    List.of(new FieldError("If-Match", "is required")), Map.of());
            return;
        }
        int version = parseIfMatch(ifMatch);
        String storyId = pathId(ctx, "storyId");
        var body = bodies.editStory(json(ctx));
        write(ctx, 200, RequestCommands.editStory(storyId, version, body), body.occurredAt());
    }

    void retireStory(Context ctx) {
        String storyId = pathId(ctx, "storyId");
        var body = bodies.retireStory(RequestBodies.optionalJson(ctx, MAX_BODY_BYTES));
        write(ctx, 200, RequestCommands.retireStory(storyId, body), body.occurredAt());
    }

    void logAttempt(Context ctx) {
        var body = bodies.logAttempt(json(ctx));
        write(ctx, 201, RequestCommands.logAttempt(body), body.occurredAt());
    }

    void recordFeedback(Context ctx) {
        var body = bodies.recordFeedback(json(ctx));
        write(ctx, 201, RequestCommands.recordFeedback(body), body.occurredAt());
    }

    void triageFeedback(Context ctx) {
        String feedbackId = pathId(ctx, "feedbackId");
        var body = bodies.triageFeedback(json(ctx));
        write(ctx, 200, RequestCommands.triageFeedback(feedbackId, body), body.occurredAt());
    }

    void correctThemes(Context ctx) {
        String feedbackId = pathId(ctx, "feedbackId");
        var body = bodies.correctThemes(json(ctx));
        write(ctx, 200, RequestCommands.correctThemes(feedbackId, body), body.occurredAt());
    }

    void nameTheme(Context ctx) {
        var body = bodies.nameTheme(json(ctx));
        write(ctx, 200, RequestCommands.nameTheme(body), body.occurredAt());
    }

    /** The candidate id of a path, checked; shared with the read routes. */
    static String candidateId(Context ctx) {
        return pathId(ctx, "candidateId");
    }

    /** The If-Match header as a story version: {@code "3"}, {@code 3} or {@code W/"3"}. */
    static int parseIfMatch(String header) {
        String value = header.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "").trim();
        try {
            int version = Integer.parseInt(value);
            if (version >= 1) {
                return version;
            }
        } catch (NumberFormatException notANumber) {
            // Reported below with the header's own text.
        }
        throw InvalidRequestException.of("If-Match", "must be the story version you edited, e.g. \"3\" (is '"
                + header + "')");
    }

    private static String pathId(Context ctx, String name) {
        String id = ctx.pathParam(name);
        if (!ID.matcher(id).matches()) {
            throw InvalidRequestException.of(name, "is not a valid id");
        }
        return id;
    }

    private static JsonNode json(Context ctx) {
        return RequestBodies.json(ctx, MAX_BODY_BYTES);
    }

    private void write(Context ctx, int successStatus, CandidateCommand intent, Instant requestedOccurredAt) {
        String candidateId = candidateId(ctx);
        String key = ctx.header("Idempotency-Key");
        if (key == null) {
            key = UUID.randomUUID().toString();
        } else if (!IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw InvalidRequestException.of("Idempotency-Key", "must be 1 to 128 visible ASCII characters");
        }
        // Single-user instance: the token's holder acts as the candidate whose path they use.
        var origin = new Origin(candidateId, new Actor(candidateId, Actor.Role.CANDIDATE), key);
        CommandResult result = backends.writes().submit(origin, intent, requestedOccurredAt);
        ctx.header("Idempotency-Key", key);
        if (result instanceof CommandResult.Accepted accepted) {
            accepted(ctx, successStatus, accepted);
        } else {
            rejected(ctx, ((CommandResult.Rejected) result).rejection());
        }
    }

    private static void accepted(Context ctx, int status, CommandResult.Accepted result) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("eventId", result.eventIds().get(0));
        body.put("eventIds", result.eventIds());
        body.put("position", String.valueOf(result.position()));
        body.put("id", result.entityId());
        if (result.storyVersion() != null) {
            body.put("version", result.storyVersion());
            ctx.header("ETag", "\"" + result.storyVersion() + "\"");
        }
        body.put("replayed", result.replayed());
        ctx.status(status).json(body);
    }

    private static void rejected(Context ctx, Rejection rejection) {
        rejected(ctx, rejection, Map.of());
    }

    /** The writer's refusal as a problem document; {@code more} adds to what it says (an import's line). */
    static void rejected(Context ctx, Rejection rejection, Map<String, Object> more) {
        List<FieldError> errors = rejection.field() == null ? List.of()
                : List.of(new FieldError(HEADER_FIELDS.getOrDefault(rejection.field(), rejection.field()),
                        rejection.message()));
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("reason", rejection.kind().name());
        extensions.putAll(more);
        if (rejection.currentVersion() != null) {
            extensions.put("currentVersion", rejection.currentVersion());
            ctx.header("ETag", "\"" + rejection.currentVersion() + "\"");
        }
        switch (rejection.kind()) {
            case NOT_FOUND -> Problem.send(ctx, 404, "Not Found", rejection.message(), errors, extensions);
            case STALE_VERSION, RETIRED, ALREADY_EXISTS ->
                    Problem.send(ctx, 409, "Conflict", rejection.message(), errors, extensions);
            case INVALID_REFERENCE, IDEMPOTENCY_KEY_REUSED ->
                    Problem.send(ctx, 422, "Unprocessable Content", rejection.message(), errors, extensions);
            default -> throw new IllegalStateException("unmapped rejection " + rejection.kind());
        }
    }
}
