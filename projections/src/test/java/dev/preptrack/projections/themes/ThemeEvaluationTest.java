package dev.preptrack.projections.themes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preptrack.rules.RulesLoader;
import dev.preptrack.rules.ThemeRules;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shipped theme rules against labelled feedback. Each floor is the macro-F1 reported in
 * docs/themes-evaluation.md, rounded down; a change that scores lower fails here. The learned
 * model is trained on the fourteen writers of {@code preptrack-feedback-3} (sets A–H, K–P);
 * sets I, J and Q were each written by someone who never saw the rules or the other sets, and
 * were measured once on arrival, before any choice was made with them, so their figures are
 * the honest ones (Q, feedback on later sessions of revised answers, is the hardest: praise
 * that names what improved). The patterns alone are measured too: they propose themes the model
 * confirms, decide any theme the labelled sets do not hold, and explain the learned ones.
 */
class ThemeEvaluationTest {

    private static final ThemeRules RULES = RulesLoader.defaults().themes();
    private static final ThemeRules PATTERNS_ALONE = RULES.patternsAlone();
    private static final List<String> HOLDOUTS = List.of("labelled-feedback-i.jsonl", "labelled-feedback-j.jsonl");

    @Test
    void the_learned_model_on_the_sets_no_one_tuned_on() {
        List<ThemeEvaluation.Item> i = ThemeEvaluation.load(HOLDOUTS.get(0));
        List<ThemeEvaluation.Item> j = ThemeEvaluation.load(HOLDOUTS.get(1));
        var shipped = new ThemeClassifier(RULES);
        var patterns = new ThemeClassifier(PATTERNS_ALONE);

        var onI = ThemeEvaluation.evaluate(shipped, RULES.ids(), i);
        var onJ = ThemeEvaluation.evaluate(shipped, RULES.ids(), j);

        assertThat(i).hasSize(240);
        assertThat(j).hasSize(240);
        assertThat(onI.macroF1()).as(ThemeEvaluation.table(onI)).isGreaterThanOrEqualTo(FLOOR_I);
        assertThat(onJ.macroF1()).as(ThemeEvaluation.table(onJ)).isGreaterThanOrEqualTo(FLOOR_J);
        assertThat(onJ.macroF1()).as("the model against the patterns alone on J")
                .isGreaterThan(ThemeEvaluation.evaluate(patterns, RULES.ids(), j).macroF1() + 0.05);
    }

    private static final double FLOOR_I = 0.88, FLOOR_J = 0.83;

    /**
     * Feedback on a later session of a revised answer (set Q, never tuned on): praise that names
     * what improved must count as praise. Before the follow-up sets O and P were learned from,
     * Q scored 0.702 with praise recall 0.47; the criticisms' precision (0.55–0.8) is what is left.
     */
    @Test
    void the_learned_model_on_feedback_about_revised_answers() {
        List<ThemeEvaluation.Item> q = ThemeEvaluation.load("labelled-feedback-q.jsonl");

        var onQ = ThemeEvaluation.evaluate(new ThemeClassifier(RULES), RULES.ids(), q);

        assertThat(q).hasSize(220);
        assertThat(onQ.macroF1()).as(ThemeEvaluation.table(onQ)).isGreaterThanOrEqualTo(0.75);
        assertThat(onQ.perTheme().get("praise").recall()).as(ThemeEvaluation.table(onQ)).isGreaterThanOrEqualTo(0.79);
    }

    /**
     * Nothing vanishes: a criticism no theme reached is listed as unsorted with suggestions, which
     * should hold a right one.
     */
    @Test
    void criticisms_no_theme_reached_are_suggested_a_right_theme_most_of_the_time() {
        var shipped = new ThemeClassifier(RULES);
        int unsorted = 0, rightAmongSuggestions = 0;
        for (String file : HOLDOUTS) {
            for (var item : ThemeEvaluation.load(file)) {
                var criticism = item.themes().stream().filter(theme -> !theme.equals("praise")).toList();
                if (criticism.isEmpty() || !shipped.classify(item.text()).themes().isEmpty()) {
                    continue;
                }
                unsorted++;
                if (shipped.suggestions(item.text()).stream().anyMatch(criticism::contains)) {
                    rightAmongSuggestions++;
                }
            }
        }

        assertThat(unsorted).as("of the holdouts' 426 criticisms").isEqualTo(14);
        assertThat(rightAmongSuggestions).isGreaterThanOrEqualTo(11);
    }

    /**
     * Grouped cross-validation: each writer of the shipped set scored by heads trained on the
     * other thirteen, decided as the rules say (the patterns proposing), pooled over the
     * eight writers the patterns were never tuned on (where a pattern's match is worth what it is
     * worth on new writing), and against the model alone on the same writers.
     */
    @Test
    void the_learned_model_on_each_writer_it_was_not_trained_on() {
        ThemeRules.Learned rule = RULES.learnedModel().orElseThrow();
        var examples = LearnedThemes.examples(rule.examples());
        var themes = RULES.ids();
        var patterns = new ThemeClassifier(PATTERNS_ALONE);
        var found = examples.stream().map(example -> Set.copyOf(patterns.classify(example.text()).themes())).toList();
        var writers = new TreeSet<>(examples.stream().map(ThemeModel.Example::group).toList());
        writers.removeAll(ThemeModelEvaluation.PATTERNS_TUNED_ON);

        var outOfFold = ThemeModel.outOfFoldScores(themes, examples);
        double asTheRulesSay = ThemeModelEvaluation.macroF1(themes, examples, ThemeModelEvaluation.given(rule, outOfFold, found), writers);
        double modelAlone = ThemeModelEvaluation.macroF1(themes, examples,
                ThemeModelEvaluation.given(new ThemeRules.Learned(rule.examples(), rule.threshold()), outOfFold, found), writers);

        assertThat(examples).hasSize(3157);
        assertThat(writers).hasSize(8);
        assertThat(asTheRulesSay).isGreaterThanOrEqualTo(0.79);
        assertThat(asTheRulesSay).as("against the model alone").isGreaterThan(modelAlone + 0.02);
    }

    @ParameterizedTest(name = "patterns alone, {0} / {1}: macro-F1 >= {2}")
    @CsvSource({
        "labelled-feedback.jsonl, tune, 0.93",
        "labelled-feedback.jsonl, holdout, 0.86",
        "labelled-feedback-b.jsonl, tune, 0.91",
        "labelled-feedback-b.jsonl, holdout, 0.84",
        "labelled-feedback-c.jsonl, tune, 0.89",
        "labelled-feedback-d.jsonl, tune, 0.89",
        "labelled-feedback-e.jsonl, tune, 0.91",
        "labelled-feedback-f.jsonl, tune, 0.92",
        "labelled-feedback-g.jsonl, holdout, 0.76",
        "labelled-feedback-h.jsonl, holdout, 0.70",
        "labelled-feedback-i.jsonl, holdout, 0.78",
        "labelled-feedback-j.jsonl, holdout, 0.68"})
    void the_patterns_alone_do_not_fall_below_the_reported_figure(String file, String split, double floor) {
        List<ThemeEvaluation.Item> items = ThemeEvaluation.load(file).stream()
                .filter(item -> item.split().equals(split)).toList();

        var report = ThemeEvaluation.evaluate(new ThemeClassifier(PATTERNS_ALONE), RULES.ids(), items);

        assertThat(items).hasSizeGreaterThanOrEqualTo(80);
        assertThat(report.macroF1()).as(ThemeEvaluation.table(report)).isGreaterThanOrEqualTo(floor);
    }
}
