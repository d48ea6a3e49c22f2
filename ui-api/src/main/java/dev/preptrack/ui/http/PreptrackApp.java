package dev.preptrack.ui.http;

import dev.preptrack.backbone.registry.SchemaRegistryApi;
import dev.preptrack.projections.query.InvalidQueryException;
import dev.preptrack.projections.query.OwnerUnknownException;
import dev.preptrack.projections.query.PositionNotReachedException;
import dev.preptrack.tracker.app.InsufficientStorageException;
import dev.preptrack.tracker.app.InvalidRequestException;
import dev.preptrack.tracker.app.WriteUnavailableException;
import dev.preptrack.ui.config.ApiToken;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.staticfiles.Location;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of preptrack: health, metrics, the OpenAPI document, the dashboard's static files, the
 * embedded schema registry under {@value #REGISTRY_PREFIX} when there is one, and the
 * token-protected {@code /api} routes, declared in one table below. Holds no domain logic;
 * takes what it serves in its constructor and exposes the {@link Javalin} instance for tests.
 */
public final class PreptrackApp {

    private static final String STARTED = "preptrack.started";


    public static final String REGISTRY_PREFIX = "/registry";
    private static final Logger log = LoggerFactory.getLogger(PreptrackApp.class);
    private static final String CANDIDATE = "/api/v1/candidates/{candidateId}";

    private final Health health;
    private final ApiToken token;
    private final Javalin javalin;

    /** Timeouts of the API: how long a write waits for its result, and a read for its position. */
    public record Timeouts(Duration writeResult, Duration readPosition) {
        public static final Timeouts DEFAULTS = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(5));
    }

    public PreptrackApp(Health health, ApiToken token, Optional<SchemaRegistryApi> registry, Backends backends,
            Timeouts timeouts, String host) {
        this(health, token, registry, backends, timeouts, host, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /**
     * As above, serving {@code metrics} at {@code /metrics} as Prometheus text. Like {@code /health}
     * it asks for no token: it says how the process is doing (counts by topic and reason, the Kafka
     * clients' figures), never whose data it holds or what a record said.
     */
    public PreptrackApp(Health health, ApiToken token, Optional<SchemaRegistryApi> registry, Backends backends,
            Timeouts timeouts, String host, PrometheusMeterRegistry metrics) {
        this.health = health;
        this.token = token;
        var writes = new WriteRoutes(backends);
        var stories = new StoryRoutes(backends);
        var readiness = new ReadinessRoutes(backends);
        var events = new EventRoutes(backends);
        var feedback = new FeedbackRoutes(backends);
        var imports = new ImportRoutes(backends);
        var rules = new RulesRoutes(backends);
        var owner = new OwnerForwarding(backends, timeouts.readPosition());
        var guard = new BrowserGuard(host);
        this.javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = host;
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/dashboard";
                files.location = Location.CLASSPATH;
            });
            // The dashboard's chart library, from its webjar on the classpath: nothing is fetched from elsewhere.
            config.staticFiles.enableWebjars();
            RoutesConfig routes = config.routes;
            routes.before(guard::check);
            routes.before(ctx -> ctx.attribute(STARTED, System.nanoTime()));
            routes.after(ctx -> timed(ctx, metrics));
            routes.get("/health", this::health);
            routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(metrics.scrape()));
            // Read from the jar once: inflating it per request made it slower than a computed answer.
            byte[] openApi = openApiDocument();
            routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
            routes.before("/api/*", this::requireToken);
            routes.get("/api/v1/whoami", ctx -> ctx.json(Map.of("authenticated", true)));

            routes.post(CANDIDATE + "/stories", writes::createStory);
            routes.put(CANDIDATE + "/stories/{storyId}", writes::editStory);
            routes.post(CANDIDATE + "/stories/{storyId}/retire", writes::retireStory);
            routes.post(CANDIDATE + "/attempts", writes::logAttempt);
            routes.post(CANDIDATE + "/feedback", writes::recordFeedback);
            routes.post(CANDIDATE + "/feedback/{feedbackId}/triage", writes::triageFeedback);
            routes.post(CANDIDATE + "/feedback/{feedbackId}/themes", writes::correctThemes);
            routes.post(CANDIDATE + "/themes", writes::nameTheme);
            routes.post(CANDIDATE + "/imports", imports::importNotes);
            routes.get(CANDIDATE + "/stories", owner.served(stories::list));
            routes.get(CANDIDATE + "/stories/{storyId}", owner.served(stories::one));
            routes.get(CANDIDATE + "/readiness", owner.served(readiness::readiness));
            routes.get(CANDIDATE + "/readiness/history", owner.served(readiness::history));
            routes.get(CANDIDATE + "/events", events::events);
            routes.get(CANDIDATE + "/feedback", owner.served(feedback::list));
            routes.get(CANDIDATE + "/themes", owner.served(feedback::themes));
            routes.get(CANDIDATE + "/readiness/diff", owner.served(rules::readinessDiff));
            routes.get(CANDIDATE + "/themes/diff", owner.served(rules::themesDiff));
            routes.get("/api/v1/rules", rules::active);
            routes.post("/api/v1/rules", rules::publish);
            routes.get("/api/v1/rules/versions", rules::versions);
            routes.get("/api/v1/rules/{version}", rules::one);
            routes.post("/api/v1/rules/{version}/activate", rules::activate);
            routes.post("/api/v1/rules/{version}/retire", rules::retire);
            routes.get("/api/v1/replays", rules::replays);
            routes.get("/api/v1/replays/{replayId}", rules::replay);

            registry.ifPresent(api -> {
                routes.before(REGISTRY_PREFIX + "/*", this::requireTokenToChangeTheRegistry);
                api.addRoutes(routes, REGISTRY_PREFIX);
            });
            problems(routes);
        });
    }

    /**
     * {@code preptrack_http_requests_seconds}: each answer's time by method, route (the template,
     * never a candidate's id) and status — write latency is the write routes' share of it.
     */
    private static void timed(io.javalin.http.Context ctx, PrometheusMeterRegistry metrics) {
        Long started = ctx.attribute(STARTED);
        if (started == null) {
            return;
        }
        var endpoint = ctx.endpoints().lastHttpEndpoint();
        String route = endpoint != null ? endpoint.path : ctx.status().getCode() == 404 ? "unmatched" : "static";
        io.micrometer.core.instrument.Timer.builder("preptrack.http.requests")
                .description("HTTP answers by method, route template and status")
                .tag("method", ctx.method().name()).tag("route", route)
                .tag("status", String.valueOf(ctx.status().getCode()))
                .register(metrics).record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private static byte[] openApiDocument() {
        try (var in = PreptrackApp.class.getResourceAsStream("/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the class path");
            }
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void problems(RoutesConfig routes) {
        routes.exception(InvalidRequestException.class, (e, ctx) ->
                Problem.send(ctx, 400, "Bad Request", e.getMessage(), e.errors(), Map.of()));
        routes.exception(InvalidQueryException.class, (e, ctx) -> Problem.send(ctx, 400, "Bad Request", e.getMessage(),
                List.of(new dev.preptrack.tracker.app.FieldError(e.field(), e.reason())), Map.of()));
        routes.exception(RequestBodies.BodyTooLargeException.class, (e, ctx) ->
                Problem.send(ctx, 413, "Content Too Large", e.getMessage()));
        routes.exception(dev.preptrack.ui.imports.ExportFile.TooLargeException.class, (e, ctx) ->
                Problem.send(ctx, 413, "Content Too Large", e.getMessage()));
        routes.exception(RequestBodies.UnsupportedMediaTypeException.class, (e, ctx) ->
                Problem.send(ctx, 415, "Unsupported Media Type", e.getMessage(),
                        List.of(new dev.preptrack.tracker.app.FieldError("Content-Type", e.getMessage())), Map.of()));
        routes.exception(WriteUnavailableException.class, (e, ctx) -> {
            log.warn("write not acknowledged: {}", e.getMessage());
            ctx.header(Header.RETRY_AFTER, "1");
            Problem.send(ctx, 503, "Service Unavailable", e.getMessage()
                    + "; nothing was acknowledged, retry with the same Idempotency-Key");
        });
        // RFC 4918's 507: the request was fine, the server has no room to store it; nothing was written.
        routes.exception(InsufficientStorageException.class, (e, ctx) -> {
            log.warn("write refused: {}", e.getMessage());
            Problem.send(ctx, 507, "Insufficient Storage", e.getMessage(), List.of(),
                    Map.of("usableBytes", e.usableBytes(), "reserveBytes", e.reserveBytes()));
        });
        routes.exception(RulesAdmin.ConflictException.class, (e, ctx) -> Problem.send(ctx, 409, "Conflict", e.getMessage()));
        routes.exception(RulesAdmin.UnknownVersionException.class, (e, ctx) ->
                Problem.send(ctx, 404, "Not Found", e.getMessage()));
        routes.exception(RulesAdmin.UnavailableException.class, (e, ctx) -> {
            ctx.header(Header.RETRY_AFTER, "1");
            Problem.send(ctx, 503, "Service Unavailable", e.getMessage());
        });
        routes.exception(OwnerUnknownException.class, (e, ctx) -> {
            ctx.header(Header.RETRY_AFTER, "1");
            Problem.send(ctx, 503, "Service Unavailable", e.getMessage());
        });
        routes.exception(PositionNotReachedException.class, (e, ctx) -> {
            ctx.header(Header.RETRY_AFTER, "1");
            Problem.send(ctx, 503, "Service Unavailable", e.getMessage());
        });
        // Javalin's own refusals (no such route, method not allowed) as problem documents too.
        routes.exception(io.javalin.http.HttpResponseException.class, (e, ctx) ->
                Problem.send(ctx, e.getStatus(), e.getStatus() == 404 ? "Not Found" : "Error", e.getMessage()));
        routes.exception(Backends.NotReadyException.class, (e, ctx) -> {
            ctx.header(Header.RETRY_AFTER, "1");
            Problem.send(ctx, 503, "Service Unavailable", e.getMessage());
        });
    }

    public Javalin javalin() {
        return javalin;
    }

    public PreptrackApp start(int port) {
        javalin.start(port);
        return this;
    }

    public int port() {
        return javalin.port();
    }

    public void stop() {
        javalin.stop();
    }

    private void health(Context ctx) {
        ctx.status(health.isUp() ? 200 : 503).json(health.report());
    }

    /**
     * Anyone on the machine may read the embedded registry (Confluent's deserializers fetch schemas
     * by id with no credentials), but changing it — registering, setting compatibility — needs the
     * API token, as basic credentials (any user name; Confluent's clients send them with
     * {@code basic.auth.user.info}) or as a bearer token. Answered in the registry's own error form.
     */
    private void requireTokenToChangeTheRegistry(Context ctx) {
        String method = ctx.method().name();
        String path = ctx.path().substring(REGISTRY_PREFIX.length());
        // Looking a schema up (POST /subjects/{s}) and testing compatibility change nothing either.
        boolean reads = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")
                || method.equals("POST") && (path.matches("/subjects/[^/]+/?") || path.startsWith("/compatibility/"));
        if (reads) {
            return;
        }
        String header = ctx.header(Header.AUTHORIZATION);
        String presented = null;
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = header.substring(7).trim();
        } else if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String credentials = new String(java.util.Base64.getDecoder().decode(header.substring(6).trim()),
                        java.nio.charset.StandardCharsets.UTF_8);
                presented = credentials.contains(":") ? credentials.substring(credentials.indexOf(':') + 1) : null;
            } catch (IllegalArgumentException notBase64) {
                presented = null;
            }
        }
        if (!token.matches(presented)) {
            ctx.header(Header.WWW_AUTHENTICATE, "Basic realm=\"preptrack registry\"");
            ctx.status(401).contentType("application/vnd.schemaregistry.v1+json").result("{\"error_code\":40101,"
                    + "\"message\":\"changing the registry needs the API token as basic credentials (user:token) or a "
                    + "bearer token; it is in $PREPTRACK_HOME/token\"}");
            ctx.skipRemainingHandlers();
        }
    }

    private void requireToken(Context ctx) {
        String header = ctx.header(Header.AUTHORIZATION);
        String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).trim() : null;
        if (!token.matches(presented)) {
            ctx.header(Header.WWW_AUTHENTICATE, "Bearer realm=\"preptrack\"");
            Problem.send(ctx, 401, "Unauthorized", presented == null
                    ? "send the API token as 'Authorization: Bearer <token>'; it is in $PREPTRACK_HOME/token"
                    : "the bearer token is not valid for this instance");
            ctx.skipRemainingHandlers();
        }
    }
}
