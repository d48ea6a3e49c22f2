package dev.preptrack.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RulesLoaderTest {

    @Test
    void rules_version_1_has_the_three_rubrics_with_their_budgets() {
        Rules rules = RulesLoader.defaults();

        assertThat(rules.version()).isEqualTo(1);
        assertThat(rules.rubricIds()).containsExactly("star", "project-retro", "system-design");
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
    void a_document_that_is_not_json_says_so() {
        assertThatThrownBy(() -> RulesLoader.parse("rubrics: [star]"))
                .hasMessageContaining("not valid JSON");
    }
}
