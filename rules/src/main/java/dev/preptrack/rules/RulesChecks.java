package dev.preptrack.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The rules of a rules document that its JSON Schema cannot state: uniqueness of a field
 * across the items of an array ({@code uniqueItems} compares whole items), comparisons
 * between fields, and Java's regular-expression syntax (the schema's {@code regex} format is
 * ECMA-262's, and would not name Java's error). Each check reads the document tree as it is,
 * skipping what is malformed, because the schema reports that and every problem is reported
 * at once.
 */
final class RulesChecks {

    /** One named rule; it adds a problem, with its field path, for each place the document breaks it. */
    @FunctionalInterface
    interface Check {
        void check(JsonNode root, List<String> problems);
    }

    static final List<Check> ALL = List.of(
            RulesChecks::rubricIdsAreUnique,
            RulesChecks::sectionIdsAreUniqueInTheirRubric,
            RulesChecks::anAliasNamesOneSectionOfItsRubric,
            RulesChecks::aFormerRubricIdIsNoLongerInUse,
            RulesChecks::aFormerSectionIdIsNoLongerInUse,
            RulesChecks::readinessWeightsAddUpToOne,
            RulesChecks::levelsRise,
            RulesChecks::themeIdsAreUnique,
            RulesChecks::themePatternsAreJavaRegularExpressions);

    private static final List<String> THEME_PATTERN_FIELDS = List.of("patterns", "unless", "unlessFollowedBy");

    private RulesChecks() {
    }

    static void rubricIdsAreUnique(JsonNode root, List<String> problems) {
        idsAreUnique(root.path("rubrics"), "rubrics", "is used by another rubric", problems);
    }

    static void sectionIdsAreUniqueInTheirRubric(JsonNode root, List<String> problems) {
        forEach(root.path("rubrics"), "rubrics", (rubric, path) -> idsAreUnique(rubric.path("sections"),
                path + ".sections", "is used by another section of this rubric", problems));
    }

    /**
     * Names are compared as {@link Rubric#resolveSection} looks them up ({@link Names#key}: case
     * and punctuation aside), against the other sections' ids as well as their aliases.
     */
    static void anAliasNamesOneSectionOfItsRubric(JsonNode root, List<String> problems) {
        forEach(root.path("rubrics"), "rubrics", (rubric, rubricPath) -> {
            Map<String, String> owners = new HashMap<>();
            for (JsonNode section : rubric.path("sections")) {
                if (section.path("id").isTextual()) {
                    owners.putIfAbsent(Names.key(section.path("id").asText()), section.path("id").asText());
                }
            }
            forEach(rubric.path("sections"), rubricPath + ".sections", (section, path) -> {
                String id = section.path("id").asText();
                for (JsonNode alias : section.path("aliases")) {
                    if (alias.isTextual() && !owners.computeIfAbsent(Names.key(alias.asText()), key -> id).equals(id)) {
                        problems.add(path + ".aliases: '" + alias.asText() + "' also names another section of this rubric");
                    }
                }
            });
        });
    }

    /**
     * A rubric's {@code formerly} maps old events onto it, so an old id may not still be a rubric's
     * id (the events would mean two rubrics) nor be claimed by two rubrics.
     */
    static void aFormerRubricIdIsNoLongerInUse(JsonNode root, List<String> problems) {
        formerIdsNameOnePlace(root.path("rubrics"), "rubrics", "rubric", problems);
    }

    /** The same within each rubric, for its sections: a renamed or split section's old id leads to one section. */
    static void aFormerSectionIdIsNoLongerInUse(JsonNode root, List<String> problems) {
        forEach(root.path("rubrics"), "rubrics", (rubric, path) ->
                formerIdsNameOnePlace(rubric.path("sections"), path + ".sections", "section of this rubric", problems));
    }

    private static void formerIdsNameOnePlace(JsonNode items, String arrayPath, String what, List<String> problems) {
        Set<String> current = new HashSet<>();
        items.forEach(item -> current.add(item.path("id").asText()));
        Set<String> claimed = new HashSet<>();
        forEach(items, arrayPath, (item, path) -> forEach(item.path("formerly"), path + ".formerly", (former, at) -> {
            if (!former.isTextual()) {
                return;
            }
            if (current.contains(former.asText())) {
                problems.add(at + ": '" + former.asText() + "' is still the id of a " + what);
            } else if (!claimed.add(former.asText())) {
                problems.add(at + ": '" + former.asText() + "' is claimed by another " + what
                        + "; a split section's history goes to one of its parts");
            }
        }));
    }

    static void readinessWeightsAddUpToOne(JsonNode root, List<String> problems) {
        JsonNode weights = root.path("readiness").path("weights");
        JsonNode performance = weights.path("performance");
        JsonNode practice = weights.path("practice");
        JsonNode timing = weights.path("timing");
        if (performance.isNumber() && practice.isNumber() && timing.isNumber()
                && Math.abs(performance.asDouble() + practice.asDouble() + timing.asDouble() - 1.0) > 1e-6) {
            problems.add("readiness.weights: performance + practice + timing must add up to 1");
        }
    }

    static void levelsRise(JsonNode root, List<String> problems) {
        JsonNode levels = root.path("readiness").path("levels");
        JsonNode building = levels.path("building");
        JsonNode ready = levels.path("ready");
        JsonNode sharp = levels.path("sharp");
        if (building.isNumber() && ready.isNumber() && sharp.isNumber()
                && !(building.asDouble() <= ready.asDouble() && ready.asDouble() <= sharp.asDouble())) {
            problems.add("readiness.levels: must rise: building <= ready <= sharp");
        }
    }

    static void themeIdsAreUnique(JsonNode root, List<String> problems) {
        idsAreUnique(root.path("themes").path("definitions"), "themes.definitions", "is used by another theme", problems);
    }

    static void themePatternsAreJavaRegularExpressions(JsonNode root, List<String> problems) {
        forEach(root.path("themes").path("definitions"), "themes.definitions", (theme, themePath) -> {
            for (String field : THEME_PATTERN_FIELDS) {
                forEach(theme.path(field), themePath + "." + field, (source, path) -> {
                    if (!source.isTextual()) {
                        return;
                    }
                    try {
                        Pattern.compile(source.asText());
                    } catch (PatternSyntaxException e) {
                        problems.add(path + ": not a valid pattern: " + e.getDescription() + " near index " + e.getIndex()
                                + " of '" + source.asText() + "'");
                    }
                });
            }
        });
    }

    private static void idsAreUnique(JsonNode items, String arrayPath, String problem, List<String> problems) {
        Set<String> ids = new HashSet<>();
        forEach(items, arrayPath, (item, path) -> {
            JsonNode id = item.path("id");
            if (id.isTextual() && !ids.add(id.asText())) {
                problems.add(path + ".id: '" + id.asText() + "' " + problem);
            }
        });
    }

    private interface Visitor {
        void visit(JsonNode item, String path);
    }

    /** Visits the items of an array with their paths; anything but an array has none. */
    private static void forEach(JsonNode array, String arrayPath, Visitor visitor) {
        if (array.isArray()) {
            for (int i = 0; i < array.size(); i++) {
                visitor.visit(array.get(i), arrayPath + "[" + i + "]");
            }
        }
    }
}
