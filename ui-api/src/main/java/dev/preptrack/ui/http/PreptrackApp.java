package dev.preptrack.ui.http;

import dev.preptrack.backbone.registry.SchemaRegistryApi;
import dev.preptrack.ui.config.ApiToken;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.staticfiles.Location;
import java.util.Optional;

/**
 * The HTTP face of preptrack: health, the OpenAPI document, the dashboard's static files, the
 * embedded schema registry under {@value #REGISTRY_PREFIX} when there is one, and the
 * token-protected {@code /api} routes. Holds no domain logic; takes what it serves in its
 * constructor and exposes the {@link Javalin} instance for tests.
 */
public final class PreptrackApp {

    public static final String REGISTRY_PREFIX = "/registry";

    private final Health health;
    private final ApiToken token;
    private final Optional<SchemaRegistryApi> registry;
    private final Javalin javalin;

    public PreptrackApp(Health health, ApiToken token, Optional<SchemaRegistryApi> registry) {
        this.health = health;
        this.token = token;
        this.registry = registry;
        this.javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = "127.0.0.1";
            config.staticFiles.add(static_ -> {
                static_.hostedPath = "/";
                static_.directory = "/dashboard";
                static_.location = Location.CLASSPATH;
            });
            config.routes.get("/health", this::health);
            config.routes.get("/openapi.json", ctx -> ctx.contentType("application/json")
                    .result(PreptrackApp.class.getResourceAsStream("/openapi.json")));
            config.routes.before("/api/*", this::requireToken);
            config.routes.get("/api/v1/whoami", ctx -> ctx.json(java.util.Map.of("authenticated", true)));
            registry.ifPresent(api -> api.addRoutes(config.routes, REGISTRY_PREFIX));
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
