package dev.preptrack.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RulesLoaderTest {

    @Test
    void rules_version_1_has_the_five_rubrics_with_their_budgets() {
        Rules rules = RulesLoader.defaults();

        assertThat(rules.version()).isEqualTo(1);
        assertThat(rules.rubricIds()).containsExactly("star", "project-retro", "system-design", "pitch", "qa");
        // A pitch has one section per timed version, each with its own budget.
        assertThat(rules.rubric("pitch").orElseThrow().sections()).extracting(Section::budgetSeconds)
                .containsExactly(30, 60, 120, 300, 30);
        assertThat(rules.rubric("qa").orElseThrow().sectionIds()).containsExactly("answer", "key-points", "follow-ups");
        assertThat(rules.resolveRubric("Q&A").orElseThrow().id()).isEqualTo("qa");
        assertThat(rules.rubric("pitch").orElseThrow().resolveSection("2 Minute Version").orElseThrow().id())
                .isEqualTo("two-minute");
        assertThat(rules.rubric("star").orElseThrow().sectionIds())
                .containsExactly("situation", "task", "action", "result", "reflection");
        assertThat(rules.rubric("project-retro").orElseThrow().section("okrs").orElseThrow().budgetSeconds())
                .isEqualTo(600);
        assertThat(rules.rubric("system-design").orElseThrow().section("rbac-privacy").orElseThrow().budgetSeconds())
                .isEqualTo(300);
    }

    @Test
    void sections_are_found_by_the_names_people_write_in_their_notes() {
        Rubric retro = RulesLoader.defaults().rubric("project-retro").orElseThrow();

        assertThat(retro.resolveSection("Business + Product")).map(Section::id).contains("context");
        assertThat(retro.resolveSection("metrics + goals")).map(Section::id).contains("okrs");
        assertThat(retro.resolveSection("xf-alignment")).map(Section::id).contains("xf-alignment");
        assertThat(retro.resolveSection("Budget")).isEmpty();
    }

    @Test
    void every_problem_is_reported_with_its_path() {
        String document = """
                {"version": 0, "rubrics": [
                  {"id": "star", "title": "STAR", "sections": [
                    {"id": "situation", "title": "S", "budgetSeconds": 45},
                    {"id": "situation", "title": "again", "budgetSeconds": -3}
                  ]},
                  {"id": "Bad Id", "title": "x", "sections": []}
                ]}""";

        assertThatThrownBy(() -> RulesLoader.parse(document))
                .isInstanceOfSatisfying(RulesLoader.InvalidRulesException.class, e -> assertThat(e.problems())
                        .contains(
                                "version: must be a positive whole number",
                                "rubrics[0].sections[1].id: 'situation' is used by another section of this rubric",
                                "rubrics[0].sections[1].budgetSeconds: must be a positive whole number",
                                "rubrics[1].id: must be a lower-case id of letters, digits and '-' (e.g. 'xf-alignment')",
                                "rubrics[1].sections: must be a non-empty array"));
    }

    @Test
    void readiness_parameters_are_checked_with_their_paths() throws Exception {
        String defaults = new String(RulesLoader.class.getResourceAsStream("/dev/preptrack/rules/rules-v1.json")
                .readAllBytes());
        String broken = defaults.replace("\"performance\": 0.5", "\"performance\": 0.9")
                .replace("\"stabilityGrowth\": 2.0", "\"stabilityGrowth\": 0.5");

        assertThatThrownBy(() -> RulesLoader.parse(broken))
                .isInstanceOfSatisfying(RulesLoader.InvalidRulesException.class, e -> assertThat(e.problems())
                        .containsExactlyInAnyOrder(
                                "readiness.weights: performance + practice + timing must add up to 1",
                                "readiness.freshness.stabilityGrowth: must be at least 1, so success never shortens memory"));
    }

    @Test
    void theme_definitions_are_checked_with_their_paths() throws Exception {
        String defaults = new String(RulesLoader.class.getResourceAsStream("/dev/preptrack/rules/rules-v1.json")
                .readAllBytes());
        String broken = defaults.replace("\"id\": \"delivery\"", "\"id\": \"context\"")
                .replace("\"minSources\": 2", "\"minSources\": 0")
                .replace("\"patterns\": [\n          \"context\",", "\"patterns\": [\n          \"context(\",");

        assertThatThrownBy(() -> RulesLoader.parse(broken))
                .isInstanceOfSatisfying(RulesLoader.InvalidRulesException.class, e -> assertThat(e.problems())
                        .containsExactlyInAnyOrder(
                                "themes.recurrence.minSources: must be a positive whole number",
                                "themes.definitions[0].patterns[0]: not a valid pattern: Unclosed group near index "
                                        + "8 of 'context('",
                                "themes.definitions[9].id: 'context' is used by another theme"));
    }

    @Test
    void rules_version_1_has_the_eleven_themes_of_the_public_contract() {
        assertThat(RulesLoader.defaults().themes().ids()).containsExactly("context", "technical-depth", "ownership",
                "impact-metrics", "structure", "time-management", "tradeoffs-risks", "stakeholders", "reflection",
                "delivery", "praise");
    }

    @Test
    void a_value_of_the_wrong_type_is_named_with_its_path() {
        String broken = rulesV1().replace("\"budgetSeconds\": 45", "\"budgetSeconds\": \"45\"")
                .replace("\"claimsClause\": true", "\"claimsClause\": \"yes\"");

        assertThat(problemsOf(broken)).containsExactlyInAnyOrder(
                "rubrics[0].sections[0].budgetSeconds: must be a whole number",
                "rubrics[0].sections[3].budgetSeconds: must be a whole number",
                "themes.definitions[10].claimsClause: must be true or false");
    }

    @Test
    void a_missing_required_field_is_named_where_it_belongs() {
        String broken = rulesV1().replace("\"title\": \"Task\",", "")
                .replace("\"target\": 4.0", "\"targets\": 4.0");

        assertThat(problemsOf(broken)).containsExactlyInAnyOrder(
                "rubrics[0].sections[1].title: is required",
                "readiness.practice.target: is required",
                "readiness.practice.targets: is not a known field");
    }

    @Test
    void an_unknown_field_is_named_so_a_misspelling_is_not_silently_ignored() {
        String broken = rulesV1().replace("\"version\": 1,", "\"version\": 1, \"verison\": 2,")
                .replace("\"id\": \"praise\",", "\"id\": \"praise\", \"claimClause\": true,");

        assertThat(problemsOf(broken)).containsExactlyInAnyOrder(
                "verison: is not a known field",
                "themes.definitions[10].claimClause: is not a known field");
    }

    @Test
    void a_number_out_of_its_range_is_named_with_what_it_must_be() {
        String broken = rulesV1().replace("\"priorScore\": 0.5", "\"priorScore\": 1.5")
                .replace("\"criticalMaxScore\": 3", "\"criticalMaxScore\": 6")
                .replace("\"halfLifeDays\": 14", "\"halfLifeDays\": 0")
                .replace("\"sharp\": 85", "\"sharp\": 101");

        assertThat(problemsOf(broken)).containsExactlyInAnyOrder(
                "readiness.performance.priorScore: must be a number from 0 to 1",
                "readiness.openFeedback.criticalMaxScore: must be a whole score from 1 to 5",
                "readiness.practice.halfLifeDays: must be a positive number",
                "readiness.levels.sharp: must be a whole score from 0 to 100");
    }

    @Test
    void a_field_wrong_in_two_ways_is_reported_once() {
        String broken = rulesV1().replace("\"trendWindowDays\": 14", "\"trendWindowDays\": -0.5");

        assertThat(problemsOf(broken)).containsExactly("themes.trendWindowDays: must be a whole number");
    }

    @Test
    void blank_names_and_an_empty_pattern_list_are_named_with_their_paths() {
        String broken = rulesV1().replaceFirst("(\"S\",\\s*)\"Situation\"", "$1\"  \"")
                .replace("\"patterns\": [\n          \"great\",", "\"patterns\": [], \"was\": [\n          \"great\",");

        assertThat(problemsOf(broken)).containsExactlyInAnyOrder(
                "rubrics[0].sections[0].aliases[1]: must be a non-empty string",
                "themes.definitions[10].patterns: must hold at least one pattern",
                "themes.definitions[10].was: is not a known field");
    }

    @Test
    void an_alias_that_names_another_section_once_punctuation_is_set_aside_is_refused() {
        String broken = rulesV1().replace("\"What I did\"", "\"situation!\"");

        assertThat(problemsOf(broken)).containsExactly(
                "rubrics[0].sections[2].aliases: 'situation!' also names another section of this rubric");
    }

    @Test
    void a_name_means_its_section_or_rubric_whatever_its_case_accents_and_punctuation() {
        Rules rules = RulesLoader.defaults();
        Rubric retro = rules.resolveRubric("Project Retro").orElseThrow();

        assertThat(retro.id()).isEqualTo("project-retro");
        assertThat(rules.resolveRubric("project retro")).contains(retro);
        assertThat(rules.resolveRubric("PROJECT_RETRO")).contains(retro);
        assertThat(retro.resolveSection("business+product").map(Section::id)).contains("context");
        assertThat(retro.resolveSection("XF planning & alignment").map(Section::id)).contains("xf-alignment");
        assertThat(retro.resolveSection("Business and Product").map(Section::id)).contains("context");
        assertThat(retro.resolveSection("Délivery + Risks").map(Section::id)).contains("delivery-risks");
        assertThat(retro.resolveSection("failures learning").map(Section::id)).contains("failures-learning");
        assertThat(retro.resolveSection("xf planning")).isEmpty();
        assertThat(rules.resolveRubric("STAR").map(Rubric::id)).contains("star");
    }

    @Test
    void aliases_and_the_optional_theme_fields_may_be_left_out() {
        Rules rules = RulesLoader.parse(rulesV1().replaceAll(",\\s*\"aliases\": \\[[^\\]]*\\]", "")
                .replace("\"claimsClause\": true,", "").replace(",\n        \"asksForChange\": false", ""));

        assertThat(rules.rubric("star").orElseThrow().aliases()).isEmpty();
        assertThat(rules.rubric("star").orElseThrow().section("task").orElseThrow().aliases()).isEmpty();
        assertThat(rules.themes().definition("praise").orElseThrow().claimsClause()).isFalse();
        assertThat(rules.themes().definition("praise").orElseThrow().asksForChange()).isTrue();
    }

    @Test
    void a_document_that_is_not_json_says_so() {
        assertThatThrownBy(() -> RulesLoader.parse("rubrics: [star]"))
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void content_after_the_document_makes_it_not_json() {
        assertThatThrownBy(() -> RulesLoader.parse(rulesV1() + " {}"))
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void a_published_document_is_the_version_the_log_gave_it_whatever_it_says() {
        assertThat(RulesLoader.publishedAs(rulesV1(), 4).version()).isEqualTo(4);
        assertThat(RulesLoader.publishedAs(rulesV1().replace("\"version\": 1,", ""), 2).version()).isEqualTo(2);
        assertThat(RulesLoader.parse(rulesV1().replace("\"version\": 1,", "")).version()).isEqualTo(1);
    }

    @Test
    void a_renamed_section_is_found_by_its_former_id_and_a_former_id_leads_to_one_place() {
        String renamed = rulesV1().replace("\"id\": \"situation\",", "\"id\": \"setting\", \"formerly\": [\"situation\"],");
        Rubric star = RulesLoader.parse(renamed).rubric("star").orElseThrow();
        assertThat(star.sectionOf("situation")).map(Section::id).contains("setting");
        assertThat(star.sectionOf("setting")).map(Section::id).contains("setting");
        assertThat(star.section("situation")).isEmpty();

        String stillInUse = rulesV1().replace("\"id\": \"task\",", "\"id\": \"task\", \"formerly\": [\"situation\"],");
        assertThat(problemsOf(stillInUse)).anySatisfy(problem -> assertThat(problem)
                .matches("rubrics\\[0\\]\\.sections\\[1\\]\\.formerly\\[0\\]: 'situation' is still the id of a section of this rubric"));
        String twice = rulesV1().replace("\"id\": \"task\",", "\"id\": \"task\", \"formerly\": [\"goal\"],")
                .replace("\"id\": \"action\",", "\"id\": \"action\", \"formerly\": [\"goal\"],");
        assertThat(problemsOf(twice)).anySatisfy(problem -> assertThat(problem)
                .startsWith("rubrics[0].sections[2].formerly[0]: 'goal' is claimed by another section of this rubric"));
    }

    @Test
    void rules_v1_learns_its_themes_from_a_shipped_set_and_a_set_not_shipped_is_refused() {
        assertThat(RulesLoader.defaults().themes().learnedModel())
                .contains(new ThemeRules.Learned("preptrack-feedback-3", LEARNED_THRESHOLD, LEARNED_WITH_PATTERN, null));
        assertThat(LabelledFeedback.load("preptrack-feedback-1")).hasSize(1297)
                .allSatisfy(item -> assertThat(RulesLoader.defaults().themes().ids()).containsAll(item.themes()));
        var second = LabelledFeedback.load("preptrack-feedback-2");
        assertThat(second).hasSize(1297 + 220 + 240 * 5).startsWith(LabelledFeedback.load("preptrack-feedback-1").toArray(LabelledFeedback[]::new))
                .allSatisfy(item -> assertThat(RulesLoader.defaults().themes().ids()).containsAll(item.themes()));
        assertThat(second.stream().map(LabelledFeedback::writer).distinct()).hasSize(12);
        var third = LabelledFeedback.load("preptrack-feedback-3");
        assertThat(third).hasSize(second.size() + 2 * 220).startsWith(second.toArray(LabelledFeedback[]::new))
                .allSatisfy(item -> assertThat(RulesLoader.defaults().themes().ids()).containsAll(item.themes()));
        assertThat(third.stream().map(LabelledFeedback::writer).distinct()).hasSize(14);

        String unknownSet = rulesV1().replace("\"examples\": \"preptrack-feedback-3\"", "\"examples\": \"my-notes\"");
        String threshold = rulesV1().replace("\"withPattern\": ", "\"withPattern\": 1").replace("\"threshold\": ", "\"threshold\": 1");
        String without = rulesV1().replaceFirst("\"learned\": \\{[^}]*\\},", "");
        String modelAlone = rulesV1().replaceFirst(", \"withPattern\": [0-9.]+", "");
        String withFallback = rulesV1().replaceFirst("(\"withPattern\": [0-9.]+)", "$1, \"fallback\": 0.3");

        assertThat(problemsOf(unknownSet)).singleElement().asString().startsWith("themes.learned.examples:");
        assertThat(problemsOf(threshold)).hasSize(2).anySatisfy(problem -> assertThat(problem).startsWith("themes.learned.threshold:"))
                .anySatisfy(problem -> assertThat(problem).startsWith("themes.learned.withPattern:"));
        assertThat(RulesLoader.parse(without).themes().learnedModel()).isEmpty();
        assertThat(RulesLoader.parse(modelAlone).themes().learnedModel().orElseThrow())
                .as("left out, a pattern adds nothing and nothing falls back")
                .satisfies(alone -> assertThat(alone.withPattern()).isEqualTo(alone.threshold()))
                .satisfies(alone -> assertThat(alone.fallback()).isGreaterThan(1));
        assertThat(RulesLoader.parse(withFallback).themes().learnedModel().orElseThrow().fallback()).isEqualTo(0.3);
    }

    /** Rules v1's learned section, as docs/themes-evaluation.md chose it. */
    private static final double LEARNED_THRESHOLD = 0.6, LEARNED_WITH_PATTERN = 0.2;

    private static String rulesV1() {
        try (var in = RulesLoader.class.getResourceAsStream("/dev/preptrack/rules/rules-v1.json")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static java.util.List<String> problemsOf(String document) {
        try {
            RulesLoader.parse(document);
        } catch (RulesLoader.InvalidRulesException e) {
            return e.problems();
        }
        throw new AssertionError("the document was accepted");
    }
}
