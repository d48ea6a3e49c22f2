package dev.preptrack.rules.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The rules log's records as JSON, {@code {"type": "published", ...}}: a log a person can read
 * with {@code kafka-console-consumer}, like the registry's {@code _schemas}. Not Avro: the
 * document inside is JSON already, and the log is preptrack's own configuration, read by no
 * other program.
 */
public final class RulesChangeCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RulesChangeCodec() {
    }

    public static byte[] encode(RulesChange change) {
        ObjectNode node = JSON.createObjectNode();
        // Java 17: no pattern switch over the sealed interface yet; the final else keeps it exhaustive.
        if (change instanceof RulesChange.Published p) {
            node.put("type", "published").put("publishId", p.publishId()).put("document", p.document())
                    .put("dryRun", p.dryRun()).put("at", p.at().toString());
            ObjectNode targets = node.putObject("targets");
            p.targets().forEach((partition, offset) -> targets.put(String.valueOf(partition), offset));
        } else if (change instanceof RulesChange.CaughtUp c) {
            node.put("type", "caught-up").put("version", c.version()).put("at", c.at().toString());
        } else if (change instanceof RulesChange.Activated a) {
            node.put("type", "activated").put("changeId", a.changeId()).put("version", a.version())
                    .put("at", a.at().toString()).put("why", a.why());
        } else if (change instanceof RulesChange.Retired r) {
            node.put("type", "retired").put("version", r.version()).put("at", r.at().toString()).put("why", r.why());
        } else if (change instanceof RulesChange.Failed f) {
            node.put("type", "failed").put("version", f.version()).put("at", f.at().toString())
                    .put("reason", f.reason());
        } else {
            throw new IllegalArgumentException("unknown rules change " + change);
        }
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a rules change as JSON", e);
        }
    }

    /** The change in {@code bytes}; throws {@link IllegalArgumentException} for a record that is not one. */
    public static RulesChange decode(byte[] bytes) {
        JsonNode node;
        try {
            node = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a rules change: " + e.getOriginalMessage(), e);
        }
        String type = node.path("type").asText();
        Instant at = Instant.parse(node.path("at").asText());
        return switch (type) {
            case "published" -> {
                Map<Integer, Long> targets = new HashMap<>();
                node.path("targets").fields().forEachRemaining(e -> targets.put(Integer.parseInt(e.getKey()),
                        e.getValue().asLong()));
                yield new RulesChange.Published(node.path("publishId").asText(), node.path("document").asText(),
                        node.path("dryRun").asBoolean(), at, targets);
            }
            case "caught-up" -> new RulesChange.CaughtUp(node.path("version").asInt(), at);
            case "activated" -> new RulesChange.Activated(node.path("changeId").asText(), node.path("version").asInt(),
                    at, node.path("why").asText());
            case "retired" -> new RulesChange.Retired(node.path("version").asInt(), at, node.path("why").asText());
            case "failed" -> new RulesChange.Failed(node.path("version").asInt(), at, node.path("reason").asText());
            default -> throw new IllegalArgumentException("not a rules change: type '" + type + "'");
        };
    }
}
