package dev.preptrack.backbone.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.preptrack.backbone.registry.SchemaRegistryStore.SchemaVersion;
import dev.preptrack.schemas.registry.SchemaRegistryClient;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Confluent Schema Registry REST API over a {@link SchemaRegistryStore}: the endpoints
 * Confluent's own serializers and clients call (register and look up under a subject, get by
 * id, subjects and versions, compatibility, global and per-subject config). Mounted under a
 * path prefix on an existing Javalin app; every answer, errors included, is
 * {@value SchemaRegistryClient#CONTENT_TYPE} with Confluent's {@code error_code} bodies, and a
 * route it does not serve answers 404 / 40401 so that clients fall back as they do against
 * Confluent's registry.
 */
public final class SchemaRegistryApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<Optional<SchemaRegistryStore>> store;

    /** @param store the store once it is loaded; until then every call answers 503 */
    public SchemaRegistryApi(Supplier<Optional<SchemaRegistryStore>> store) {
        this.store = store;
    }

    /** Adds the API's routes under {@code prefix} (e.g. {@code /registry}, or "" for the root). */
    public void addRoutes(RoutesConfig routes, String prefix) {
        routes.get(prefix + "/", ctx -> send(ctx, JSON.createObjectNode()));
        routes.get(prefix + "/subjects", ctx -> send(ctx, JSON.valueToTree(store().subjects())));
        routes.get(prefix + "/subjects/{subject}/versions",
                ctx -> send(ctx, JSON.valueToTree(store().versions(subject(ctx)))));
        routes.get(prefix + "/subjects/{subject}/versions/{version}",
                ctx -> send(ctx, versionJson(store().version(subject(ctx), ctx.pathParam("version")))));
        routes.get(prefix + "/subjects/{subject}/versions/{version}/schema",
                ctx -> send(ctx, JSON.readTree(store().version(subject(ctx), ctx.pathParam("version")).schema().toString())));
        routes.get(prefix + "/subjects/{subject}/versions/{version}/referencedby", ctx -> {
            store().version(subject(ctx), ctx.pathParam("version"));
            send(ctx, JSON.createArrayNode());
        });
        routes.post(prefix + "/subjects/{subject}/versions", this::register);
        routes.post(prefix + "/subjects/{subject}", ctx -> send(ctx, versionJson(store().lookup(subject(ctx), schemaText(ctx)))));
        routes.get(prefix + "/schemas/types", ctx -> send(ctx, JSON.createArrayNode().add("AVRO")));
        routes.get(prefix + "/schemas/ids/{id}", ctx -> send(ctx, JSON.createObjectNode()
                .put("schema", store().schemaById(id(ctx)).toString())));
        routes.get(prefix + "/schemas/ids/{id}/schema",
                ctx -> send(ctx, JSON.readTree(store().schemaById(id(ctx)).toString())));
        routes.get(prefix + "/schemas/ids/{id}/subjects", ctx -> {
            ArrayNode subjects = JSON.createArrayNode();
            store().usesOf(id(ctx)).stream().map(SchemaVersion::subject).distinct().forEach(subjects::add);
            send(ctx, subjects);
        });
        routes.get(prefix + "/schemas/ids/{id}/versions", ctx -> {
            ArrayNode uses = JSON.createArrayNode();
            store().usesOf(id(ctx)).forEach(use -> uses.addObject().put("subject", use.subject())
                    .put("version", use.version()));
            send(ctx, uses);
        });
        routes.post(prefix + "/compatibility/subjects/{subject}/versions/{version}",
                ctx -> compatibility(ctx, Optional.of(ctx.pathParam("version"))));
        routes.post(prefix + "/compatibility/subjects/{subject}/versions", ctx -> compatibility(ctx, Optional.empty()));
        routes.get(prefix + "/config", ctx -> send(ctx, level(store().globalCompatibility().name())));
        routes.put(prefix + "/config", ctx -> {
            String level = body(ctx).path("compatibility").asText(null);
            store().setGlobalCompatibility(level);
            send(ctx, JSON.createObjectNode().put("compatibility", store().globalCompatibility().name()));
        });
        routes.get(prefix + "/config/{subject}", ctx -> {
            boolean defaultToGlobal = Boolean.parseBoolean(ctx.queryParam("defaultToGlobal"));
            var level = defaultToGlobal ? store().compatibilityLevel(subject(ctx)) : store().subjectCompatibility(subject(ctx));
            send(ctx, level(level.name()));
        });
        routes.put(prefix + "/config/{subject}", ctx -> {
            String level = body(ctx).path("compatibility").asText(null);
            store().setSubjectCompatibility(subject(ctx), level);
            send(ctx, JSON.createObjectNode().put("compatibility", store().compatibilityLevel(subject(ctx)).name()));
        });
        routes.delete(prefix + "/config/{subject}",
                ctx -> send(ctx, level(store().deleteSubjectCompatibility(subject(ctx)).name())));
        routes.get(prefix + "/mode", ctx -> send(ctx, JSON.createObjectNode().put("mode", "READWRITE")));

        Handler unknown = ctx -> {
            throw RegistryError.routeNotFound(ctx.method().name(), ctx.path());
        };
        for (String path : List.of(prefix + "/*", prefix + "/<rest>")) {
            routes.get(path, unknown);
            routes.post(path, unknown);
            routes.put(path, unknown);
            routes.delete(path, unknown);
        }
        routes.exception(RegistryError.class, (error, ctx) -> {
            if (!ctx.path().startsWith(prefix)) {
                throw error;
            }
            ctx.status(error.status()).contentType(SchemaRegistryClient.CONTENT_TYPE)
                    .result(JSON.createObjectNode().put("error_code", error.errorCode())
                            .put("message", error.getMessage()).toString());
        });
    }

    private void register(Context ctx) {
        JsonNode body = body(ctx);
        String type = body.path("schemaType").asText("AVRO");
        if (!type.equals("AVRO")) {
            throw RegistryError.invalidSchema("only AVRO schemas are supported, not " + type);
        }
        if (body.path("references").size() > 0) {
            throw RegistryError.invalidSchema("schema references are not supported");
        }
        SchemaVersion registered = store().register(subject(ctx), body.path("schema").asText(null));
        send(ctx, versionJson(registered));
    }

    private void compatibility(Context ctx, Optional<String> version) {
        List<String> violations = store().compatibilityViolations(subject(ctx), schemaText(ctx), version);
        ObjectNode answer = JSON.createObjectNode().put("is_compatible", violations.isEmpty());
        if (Boolean.parseBoolean(ctx.queryParam("verbose"))) {
            ArrayNode messages = answer.putArray("messages");
            violations.forEach(messages::add);
        }
        send(ctx, answer);
    }

    private SchemaRegistryStore store() {
        return store.get().orElseThrow(() -> RegistryError.unavailable("the schema registry is starting"));
    }

    private static ObjectNode versionJson(SchemaVersion version) {
        return JSON.createObjectNode().put("subject", version.subject()).put("version", version.version())
                .put("id", version.id()).put("schema", version.schema().toString());
    }

    private static ObjectNode level(String level) {
        return JSON.createObjectNode().put("compatibilityLevel", level);
    }

    private static String subject(Context ctx) {
        return ctx.pathParam("subject");
    }

    private static int id(Context ctx) {
        try {
            return Integer.parseInt(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw RegistryError.schemaNotFound("with id " + ctx.pathParam("id"));
        }
    }

    private static String schemaText(Context ctx) {
        return body(ctx).path("schema").asText(null);
    }

    private static JsonNode body(Context ctx) {
        try {
            JsonNode body = JSON.readTree(ctx.body());
            if (body == null || !body.isObject()) {
                throw RegistryError.badRequest("the request body must be a JSON object");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw RegistryError.badRequest("the request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static void send(Context ctx, JsonNode body) {
        ctx.contentType(SchemaRegistryClient.CONTENT_TYPE).result(body.toString());
    }
}
