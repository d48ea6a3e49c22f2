package dev.preptrack.rules;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and validates a rules document. Every problem is reported at once, each with the JSON
 * path where it is ({@code rubrics[1].sections[2].budgetSeconds: must be a positive whole
 * number}), so an author can fix a document in one pass: first what the JSON Schema
 * {@code rules.schema.json} says of its structure ({@link RulesSchema}), then the rules a
 * schema cannot state ({@link RulesChecks}). Only a document without problems is bound into
 * {@link Rules}.
 */
public final class RulesLoader {

    private static final ObjectMapper JSON = mapper();
    private static final String DEFAULTS = "/dev/preptrack/rules/rules-v1.json";

    private RulesLoader() {
    }

    private static ObjectMapper mapper() {
        var mapper = new ObjectMapper()
                // The schema reads the document again with its own parser, which refuses trailing content.
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        // Optional lists (aliases) may be left out of a document; the records want them empty, not null.
        mapper.configOverride(List.class).setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY));
        return mapper;
    }

    /** Rules version 1, shipped with preptrack. */
    public static Rules defaults() {
        return parse(shippedDocument());
    }

    /** The document of rules version 1 as it ships, which is what {@code GET /api/v1/rules} answers until another is published. */
    public static String shippedDocument() {
        try (InputStream in = RulesLoader.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException("rules version 1 is missing from the class path at " + DEFAULTS);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses and validates a rules document; throws {@link InvalidRulesException} listing every
     * problem. Its version is the document's own {@code version}, or 1 where it names none.
     */
    public static Rules parse(String document) {
        return parse(document, 0);
    }

    /**
     * As {@link #parse(String)}, as version {@code version} whatever the document says: a
     * published document's version is the one the rules log gave it, so a document read back with
     * {@code GET /api/v1/rules} can be edited and published again as it is.
     */
    public static Rules publishedAs(String document, int version) {
        if (version < 1) {
            throw new IllegalArgumentException("a published version is a positive whole number, not " + version);
        }
        return parse(document, version);
    }

    private static Rules parse(String document, int version) {
        JsonNode root;
        try {
            root = JSON.readTree(document);
        } catch (JsonProcessingException e) {
            throw new InvalidRulesException(List.of("the document is not valid JSON: " + e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRulesException(List.of("the document must be a JSON object"));
        }
        List<String> problems = new ArrayList<>(RulesSchema.problems(document));
        RulesChecks.ALL.forEach(check -> check.check(root, problems));
        if (!problems.isEmpty()) {
            throw new InvalidRulesException(problems);
        }
        return bind(root, version > 0 ? version : root.path("version").asInt(1));
    }

    private static Rules bind(JsonNode root, int version) {
        JsonNode themes = root.get("themes");
        try {
            return new Rules(version,
                    JSON.treeToValue(root.get("rubrics"), new TypeReference<List<Rubric>>() { }),
                    JSON.treeToValue(root.get("readiness"), ReadinessRules.class),
                    new ThemeRules(JSON.treeToValue(themes.get("recurrence"), ThemeRules.Recurrence.class),
                            themes.get("trendWindowDays").asInt(), definitions(themes.get("definitions")),
                            JSON.treeToValue(themes.get("emerging"), ThemeRules.Emerging.class),
                            JSON.treeToValue(themes.get("corrections"), ThemeRules.Corrections.class),
                            JSON.treeToValue(themes.get("resolution"), ThemeRules.Resolution.class),
                            themes.has("learned") ? JSON.treeToValue(themes.get("learned"), ThemeRules.Learned.class) : null));
        } catch (JsonProcessingException e) {
            // The schema admitted the document, so the records and the schema disagree: a bug here, not in the document.
            throw new IllegalStateException("rules.schema.json admits what the rules records cannot hold", e);
        }
    }

    /**
     * Built by hand rather than bound: a definition holds its patterns compiled, and
     * {@code asksForChange} defaults to true where the document leaves it out.
     */
    private static List<ThemeDefinition> definitions(JsonNode nodes) {
        List<ThemeDefinition> definitions = new ArrayList<>();
        for (JsonNode theme : nodes) {
            definitions.add(new ThemeDefinition(theme.get("id").asText(), theme.get("title").asText(),
                    theme.get("description").asText(), cues(theme.path("patterns")), cues(theme.path("unless")),
                    cues(theme.path("unlessFollowedBy")), texts(theme.path("examples")),
                    theme.path("claimsClause").asBoolean(false), theme.path("asksForChange").asBoolean(true)));
        }
        return definitions;
    }

    private static List<ThemeDefinition.Cue> cues(JsonNode sources) {
        return texts(sources).stream().map(ThemeDefinition.Cue::compile).toList();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    /** A rules document that cannot be used, with every problem found in it. */
    public static final class InvalidRulesException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final List<String> problems;

        InvalidRulesException(List<String> problems) {
            super("invalid rules document:\n  - " + String.join("\n  - ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
