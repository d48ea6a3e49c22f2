package dev.preptrack.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates a rules document. Every problem is reported at once, each with the JSON
 * path where it is ({@code rubrics[1].sections[2].budgetSeconds: must be a positive whole
 * number}), so an author can fix a document in one pass.
 */
public final class RulesLoader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,63}");
    private static final String DEFAULTS = "/dev/preptrack/rules/rules-v1.json";

    private RulesLoader() {
    }

    /** Rules version 1, shipped with preptrack. */
    public static Rules defaults() {
        try (InputStream in = RulesLoader.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException("rules version 1 is missing from the class path at " + DEFAULTS);
            }
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses and validates a rules document; throws {@link InvalidRulesException} listing every problem. */
    public static Rules parse(String document) {
        JsonNode root;
        try {
            root = JSON.readTree(document);
        } catch (JsonProcessingException e) {
            throw new InvalidRulesException(List.of("the document is not valid JSON: " + e.getOriginalMessage()));
        }
        var problems = new ArrayList<String>();
        if (root == null || !root.isObject()) {
            throw new InvalidRulesException(List.of("the document must be a JSON object"));
        }
        int version = positiveInt(root, "version", "version", problems);
        List<Rubric> rubrics = new ArrayList<>();
        JsonNode rubricNodes = root.path("rubrics");
        if (!rubricNodes.isArray() || rubricNodes.isEmpty()) {
            problems.add("rubrics: must be a non-empty array");
        } else {
            Set<String> rubricIds = new HashSet<>();
            for (int r = 0; r < rubricNodes.size(); r++) {
                rubrics.add(rubric(rubricNodes.get(r), "rubrics[" + r + "]", rubricIds, problems));
            }
        }
        ReadinessRules readiness = readiness(root.path("readiness"), problems);
        ThemeRules themes = themes(root.path("themes"), problems);
        if (!problems.isEmpty()) {
            throw new InvalidRulesException(problems);
        }
        return new Rules(version, rubrics, readiness, themes);
    }

    private static Rubric rubric(JsonNode node, String path, Set<String> rubricIds, List<String> problems) {
        String id = id(node, path, problems);
        if (id != null && !rubricIds.add(id)) {
            problems.add(path + ".id: '" + id + "' is used by another rubric");
        }
        List<Section> sections = new ArrayList<>();
        JsonNode sectionNodes = node.path("sections");
        if (!sectionNodes.isArray() || sectionNodes.isEmpty()) {
            problems.add(path + ".sections: must be a non-empty array");
        } else {
            Set<String> sectionIds = new HashSet<>();
            Set<String> names = new HashSet<>();
            for (int s = 0; s < sectionNodes.size(); s++) {
                String sectionPath = path + ".sections[" + s + "]";
                JsonNode sectionNode = sectionNodes.get(s);
                String sectionId = id(sectionNode, sectionPath, problems);
                if (sectionId != null && !sectionIds.add(sectionId)) {
                    problems.add(sectionPath + ".id: '" + sectionId + "' is used by another section of this rubric");
                }
                List<String> aliases = strings(sectionNode, "aliases", sectionPath, problems);
                for (String alias : aliases) {
                    if (!names.add(alias.toLowerCase(java.util.Locale.ROOT))) {
                        problems.add(sectionPath + ".aliases: '" + alias + "' also names another section of this rubric");
                    }
                }
                sections.add(new Section(sectionId, text(sectionNode, "title", sectionPath, problems),
                        positiveInt(sectionNode, "budgetSeconds", sectionPath + ".budgetSeconds", problems), aliases));
            }
        }
        return new Rubric(id, text(node, "title", path, problems), strings(node, "aliases", path, problems), sections);
    }

    private static ReadinessRules readiness(JsonNode node, List<String> problems) {
        String path = "readiness";
        if (!node.isObject()) {
            problems.add(path + ": must be an object");
            return null;
        }
        JsonNode w = node.path("weights");
        var weights = new ReadinessRules.Weights(fraction(w, "performance", path + ".weights", problems),
                fraction(w, "practice", path + ".weights", problems), fraction(w, "timing", path + ".weights", problems));
        if (Math.abs(weights.performance() + weights.practice() + weights.timing() - 1.0) > 1e-6) {
            problems.add(path + ".weights: performance + practice + timing must add up to 1");
        }
        JsonNode p = node.path("performance");
        Map<String, Double> sourceWeights = new java.util.LinkedHashMap<>();
        for (String role : List.of("self", "peer", "coach", "interviewer")) {
            sourceWeights.put(role, positive(p.path("sourceWeights"), role, path + ".performance.sourceWeights", problems));
        }
        var performance = new ReadinessRules.Performance(positive(p, "halfLifeDays", path + ".performance", problems),
                fraction(p, "priorScore", path + ".performance", problems),
                positive(p, "priorWeight", path + ".performance", problems), sourceWeights);
        JsonNode pr = node.path("practice");
        var practice = new ReadinessRules.Practice(positive(pr, "halfLifeDays", path + ".practice", problems),
                positive(pr, "target", path + ".practice", problems));
        JsonNode t = node.path("timing");
        var timing = new ReadinessRules.Timing(fraction(t, "priorWithin", path + ".timing", problems),
                positive(t, "priorWeight", path + ".timing", problems));
        JsonNode o = node.path("openFeedback");
        var openFeedback = new ReadinessRules.OpenFeedback(fraction(o, "penaltyPerItem", path + ".openFeedback", problems),
                fraction(o, "floor", path + ".openFeedback", problems),
                scoreValue(o, "criticalMaxScore", path + ".openFeedback", problems));
        JsonNode f = node.path("freshness");
        var freshness = new ReadinessRules.Freshness(positive(f, "initialStabilityDays", path + ".freshness", problems),
                positive(f, "stabilityGrowth", path + ".freshness", problems),
                positive(f, "maxStabilityDays", path + ".freshness", problems),
                scoreValue(f, "successMinScore", path + ".freshness", problems));
        if (freshness.stabilityGrowth() < 1) {
            problems.add(path + ".freshness.stabilityGrowth: must be at least 1, so success never shortens memory");
        }
        JsonNode l = node.path("levels");
        var levels = new ReadinessRules.Levels(percent(l, "building", path + ".levels", problems),
                percent(l, "ready", path + ".levels", problems), percent(l, "sharp", path + ".levels", problems));
        if (!(levels.building() <= levels.ready() && levels.ready() <= levels.sharp())) {
            problems.add(path + ".levels: must rise: building <= ready <= sharp");
        }
        return new ReadinessRules(weights, performance, practice, timing, openFeedback, freshness, levels);
    }

    private static ThemeRules themes(JsonNode node, List<String> problems) {
        String path = "themes";
        if (!node.isObject()) {
            problems.add(path + ": must be an object");
            return null;
        }
        JsonNode r = node.path("recurrence");
        var recurrence = new ThemeRules.Recurrence(positiveInt(r, "minSessions", path + ".recurrence.minSessions", problems),
                positiveInt(r, "minSources", path + ".recurrence.minSources", problems));
        JsonNode e = node.path("emerging");
        var emerging = new ThemeRules.Emerging(fraction(e, "similarity", path + ".emerging", problems),
                positiveInt(e, "minItems", path + ".emerging.minItems", problems));
        List<ThemeDefinition> definitions = new ArrayList<>();
        JsonNode nodes = node.path("definitions");
        if (!nodes.isArray() || nodes.isEmpty()) {
            problems.add(path + ".definitions: must be a non-empty array");
        } else {
            Set<String> ids = new HashSet<>();
            for (int t = 0; t < nodes.size(); t++) {
                String themePath = path + ".definitions[" + t + "]";
                JsonNode theme = nodes.get(t);
                String id = id(theme, themePath, problems);
                if (id != null && !ids.add(id)) {
                    problems.add(themePath + ".id: '" + id + "' is used by another theme");
                }
                List<ThemeDefinition.Cue> patterns = cues(theme, "patterns", themePath, problems);
                if (patterns.isEmpty()) {
                    problems.add(themePath + ".patterns: must hold at least one pattern");
                }
                definitions.add(new ThemeDefinition(id, text(theme, "title", themePath, problems),
                        text(theme, "description", themePath, problems), patterns,
                        cues(theme, "unless", themePath, problems), cues(theme, "unlessFollowedBy", themePath, problems),
                        strings(theme, "examples", themePath, problems),
                        theme.path("claimsClause").asBoolean(false), theme.path("asksForChange").asBoolean(true)));
            }
        }
        return new ThemeRules(recurrence, positiveInt(node, "trendWindowDays", path + ".trendWindowDays", problems),
                definitions, emerging);
    }

    private static List<ThemeDefinition.Cue> cues(JsonNode node, String field, String path, List<String> problems) {
        List<ThemeDefinition.Cue> cues = new ArrayList<>();
        List<String> sources = strings(node, field, path, problems);
        for (int i = 0; i < sources.size(); i++) {
            try {
                cues.add(ThemeDefinition.Cue.compile(sources.get(i)));
            } catch (java.util.regex.PatternSyntaxException ex) {
                problems.add(path + "." + field + "[" + i + "]: not a valid pattern: " + ex.getDescription()
                        + " near index " + ex.getIndex() + " of '" + sources.get(i) + "'");
            }
        }
        return cues;
    }

    private static double number(JsonNode node, String field, String path, List<String> problems, double min,
            double max, String what) {
        JsonNode value = node.path(field);
        if (!value.isNumber() || value.asDouble() < min || value.asDouble() > max) {
            problems.add(path + "." + field + ": must be " + what);
            return min;
        }
        return value.asDouble();
    }

    private static double fraction(JsonNode node, String field, String path, List<String> problems) {
        return number(node, field, path, problems, 0, 1, "a number from 0 to 1");
    }

    private static double positive(JsonNode node, String field, String path, List<String> problems) {
        return number(node, field, path, problems, 1e-9, 1e9, "a positive number");
    }

    private static int scoreValue(JsonNode node, String field, String path, List<String> problems) {
        return (int) number(node, field, path, problems, 1, 5, "a score from 1 to 5");
    }

    private static int percent(JsonNode node, String field, String path, List<String> problems) {
        return (int) number(node, field, path, problems, 0, 100, "a score from 0 to 100");
    }

    private static String id(JsonNode node, String path, List<String> problems) {
        String id = node.path("id").asText(null);
        if (id == null || !node.path("id").isTextual() || !ID.matcher(id).matches()) {
            problems.add(path + ".id: must be a lower-case id of letters, digits and '-' (e.g. 'xf-alignment')");
            return null;
        }
        return id;
    }

    private static String text(JsonNode node, String field, String path, List<String> problems) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            problems.add(path + "." + field + ": must be a non-empty string");
            return "";
        }
        return value.asText();
    }

    private static List<String> strings(JsonNode node, String field, String path, List<String> problems) {
        JsonNode value = node.path(field);
        if (value.isMissingNode()) {
            return List.of();
        }
        List<String> strings = new ArrayList<>();
        if (!value.isArray()) {
            problems.add(path + "." + field + ": must be an array of strings");
            return strings;
        }
        for (JsonNode item : value) {
            if (!item.isTextual() || item.asText().isBlank()) {
                problems.add(path + "." + field + ": must hold only non-empty strings");
            } else {
                strings.add(item.asText());
            }
        }
        return strings;
    }

    private static int positiveInt(JsonNode node, String field, String path, List<String> problems) {
        JsonNode value = node.path(field);
        if (!value.isIntegralNumber() || value.asLong() < 1 || value.asLong() > Integer.MAX_VALUE) {
            problems.add(path + ": must be a positive whole number");
            return 0;
        }
        return value.asInt();
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
