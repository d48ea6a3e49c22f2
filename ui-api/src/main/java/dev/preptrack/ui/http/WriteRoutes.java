package dev.preptrack.ui.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.preptrack.commands.Command;
import dev.preptrack.commands.CommandOutcome;
import dev.preptrack.commands.CommandResult;
import dev.preptrack.commands.Rejection;
import dev.preptrack.events.Actor;
import dev.preptrack.events.ActorRole;
import dev.preptrack.tracker.edge.CommandRequests;
import dev.preptrack.tracker.edge.CommandRequests.Origin;
import dev.preptrack.tracker.edge.FieldError;
import dev.preptrack.tracker.edge.InvalidRequestException;
import dev.preptrack.tracker.kafka.CommandGateway.WriteUnavailableException;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The write routes: each reads its request, lets {@link CommandRequests} turn it into a
 * command, hands it to the single writer and answers with the writer's result — the event id
 * and the position to read it at, or a problem document naming the field at fault. A 2xx is
 * only ever sent for a command whose events are committed to the log.
 */
final class WriteRoutes {

    static final int MAX_BODY_BYTES = 256 * 1024;
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,128}");
    private static final Pattern CANDIDATE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    private final Backends backends;
    private final CommandRequests requests = new CommandRequests();
    private final Duration resultTimeout;
    private final Clock clock;

    WriteRoutes(Backends backends, Duration resultTimeout, Clock clock) {
        this.backends = backends;
        this.resultTimeout = resultTimeout;
        this.clock = clock;
    }

    void createStory(Context ctx) {
        write(ctx, 201, (origin, body) -> requests.createStory(origin, body));
    }

    void editStory(Context ctx) {
        String ifMatch = ctx.header("If-Match");
        if (ifMatch == null || ifMatch.isBlank()) {
            Problem.send(ctx, 428, "Precondition Required", "send If-Match: \"<version>\" with the story version you "
                    + "edited, so that a concurrent edit is not overwritten",
                    List.of(new FieldError("If-Match", "is required")), Map.of());
            return;
        }
        int version = CommandRequests.parseIfMatch(ifMatch);
        write(ctx, 200, (origin, body) -> requests.editStory(origin, ctx.pathParam("storyId"), version, body));
    }

    void retireStory(Context ctx) {
        write(ctx, 200, true, (origin, body) -> requests.retireStory(origin, ctx.pathParam("storyId"), body));
    }

    void logAttempt(Context ctx) {
        write(ctx, 201, (origin, body) -> requests.logAttempt(origin, body));
    }

    void recordFeedback(Context ctx) {
        write(ctx, 201, (origin, body) -> requests.recordFeedback(origin, body));
    }

    void triageFeedback(Context ctx) {
        write(ctx, 200, (origin, body) -> requests.triageFeedback(origin, ctx.pathParam("feedbackId"), body));
    }

    /** The candidate id of a path, checked; shared with the read routes. */
    static String candidateId(Context ctx) {
        String candidateId = ctx.pathParam("candidateId");
        if (!CANDIDATE_ID.matcher(candidateId).matches()) {
            throw InvalidRequestException.of("candidateId", "is not a valid id");
        }
        return candidateId;
    }

    private void write(Context ctx, int successStatus, CommandBuilder build) {
        write(ctx, successStatus, false, build);
    }

    private void write(Context ctx, int successStatus, boolean bodyOptional, CommandBuilder build) {
        String candidateId = candidateId(ctx);
        JsonNode body = bodyOptional ? RequestBodies.optionalJson(ctx, MAX_BODY_BYTES)
                : RequestBodies.json(ctx, MAX_BODY_BYTES);
        String key = ctx.header("Idempotency-Key");
        if (key == null) {
            key = UUID.randomUUID().toString();
        } else if (!IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw InvalidRequestException.of("Idempotency-Key", "must be 1 to 128 visible ASCII characters");
        }
        // Single-user instance: the token's holder acts as the candidate whose path they use.
        var origin = new Origin(candidateId, new Actor(candidateId, ActorRole.CANDIDATE), key, clock.instant());
        Command command = build.apply(origin, body);
        CommandResult result = await(command);
        ctx.header("Idempotency-Key", key);
        if (result.getOutcome() == CommandOutcome.ACCEPTED) {
            accepted(ctx, successStatus, result);
        } else {
            rejected(ctx, result.getRejection());
        }
    }

    private CommandResult await(Command command) {
        CompletableFuture<CommandResult> answer = backends.gateway().submit(command);
        try {
            return answer.get(resultTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            backends.gateway().cancel(command.getCandidateId(), command.getCommandId());
            throw new WriteUnavailableException("the write was not confirmed within " + resultTimeout.toMillis()
                    + " ms; retry with the same Idempotency-Key to learn its outcome", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WriteUnavailableException unavailable) {
                throw unavailable;
            }
            throw new WriteUnavailableException("the write failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WriteUnavailableException("interrupted while waiting for the write", e);
        }
    }

    private static void accepted(Context ctx, int status, CommandResult result) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("eventId", result.getEventIds().get(0));
        body.put("eventIds", result.getEventIds());
        body.put("position", String.valueOf(result.getPosition()));
        body.put("id", result.getEntityId());
        if (result.getStoryVersion() != null) {
            body.put("version", result.getStoryVersion());
            ctx.header("ETag", "\"" + result.getStoryVersion() + "\"");
        }
        body.put("replayed", result.getReplayed());
        ctx.status(status).json(body);
    }

    private static void rejected(Context ctx, Rejection rejection) {
        List<FieldError> errors = rejection.getField() == null ? List.of()
                : List.of(new FieldError(rejection.getField(), rejection.getMessage()));
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("reason", rejection.getKind().name());
        if (rejection.getCurrentVersion() != null) {
            extensions.put("currentVersion", rejection.getCurrentVersion());
            ctx.header("ETag", "\"" + rejection.getCurrentVersion() + "\"");
        }
        switch (rejection.getKind()) {
            case NOT_FOUND -> Problem.send(ctx, 404, "Not Found", rejection.getMessage(), errors, extensions);
            case STALE_VERSION -> Problem.send(ctx, 409, "Conflict", rejection.getMessage(), errors, extensions);
            case RETIRED, ALREADY_EXISTS -> Problem.send(ctx, 409, "Conflict", rejection.getMessage(), errors, extensions);
            case INVALID_REFERENCE, IDEMPOTENCY_KEY_REUSED ->
                    Problem.send(ctx, 422, "Unprocessable Content", rejection.getMessage(), errors, extensions);
            default -> throw new IllegalStateException("unmapped rejection " + rejection.getKind());
        }
    }

    @FunctionalInterface
    private interface CommandBuilder {
        Command apply(Origin origin, JsonNode body);
    }
}
