package dev.preptrack.projections.themes;

import dev.preptrack.rules.RulesLoader;
import dev.preptrack.rules.ThemeRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * The learned model, deciding as the rules' learned section says, measured on writers it was not
 * trained on: {@code main(set, "--", testFile...)} trains heads without each writer of the named
 * labelled set in turn, prints what they give that writer (grouped cross-validation), pooled
 * over the writers the patterns were never tuned on, then trains on the whole set and prints a
 * table per test file (docs/themes-evaluation.md). {@code -Dgrid=true} prints the pooled figure
 * for a grid of thresholds instead of the rules' own, which is how those were chosen.
 */
final class ThemeModelEvaluation {

    /** The writers the patterns were tuned on: a pattern match is worth more there than anywhere else. */
    static final Set<String> PATTERNS_TUNED_ON = Set.copyOf(
            LearnedThemes.examples("preptrack-feedback-1").stream().map(ThemeModel.Example::group).toList());

    /** What each example is given under this rule, from out-of-fold scores and the patterns' finds. */
    static List<List<String>> given(ThemeRules.Learned rule, List<Map<String, Double>> scores, List<Set<String>> foundByPatterns) {
        // Every theme of the labelled sets is the model's, so none is found outside it.
        return IntStream.range(0, scores.size()).mapToObj(i -> ThemeModel.decide(rule, scores.get(i), foundByPatterns.get(i), false))
                .toList();
    }

    /** Macro-F1 of the rule on the examples of these groups. */
    static double macroF1(List<String> themeIds, List<ThemeModel.Example> examples, List<List<String>> given, Set<String> groups) {
        List<Integer> rows = IntStream.range(0, examples.size()).filter(i -> groups.contains(examples.get(i).group())).boxed().toList();
        return ThemeModel.macroF1(themeIds, rows.stream().map(examples::get).toList(), rows.stream().map(given::get).toList());
    }

    public static void main(String[] args) throws IOException {
        ThemeRules rules = RulesLoader.defaults().themes();
        ThemeRules.Learned shipped = rules.learnedModel().orElseThrow();
        List<String> themeIds = rules.ids();
        ThemeClassifier patterns = new ThemeClassifier(rules.patternsAlone());
        List<ThemeModel.Example> training = LearnedThemes.examples(args[0]);
        List<Set<String>> found = training.stream().map(example -> Set.copyOf(patterns.classify(example.text()).themes())).toList();
        List<Map<String, Double>> outOfFold = ThemeModel.outOfFoldScores(themeIds, training);
        Set<String> groups = new TreeSet<>(training.stream().map(ThemeModel.Example::group).toList());
        Set<String> honest = new TreeSet<>(groups);
        honest.removeAll(PATTERNS_TUNED_ON);

        if (Boolean.getBoolean("grid")) {
            for (double withPattern : new double[] {0.15, 0.2, 0.25, 0.3, 1}) {
                for (double fallback : new double[] {0.2, 0.25, 0.3, 2}) {
                    StringBuilder line = new StringBuilder(String.format("withPattern %.2f fallback %.2f:", withPattern, fallback));
                    for (double threshold = 0.4; threshold <= 0.901; threshold += 0.05) {
                        var rule = new ThemeRules.Learned(args[0], threshold, withPattern, fallback);
                        line.append(String.format(" %.2f→%.3f", threshold, macroF1(themeIds, training, given(rule, outOfFold, found), honest)));
                    }
                    System.out.println(line);
                }
            }
            return;
        }
        List<List<String>> given = given(shipped, outOfFold, found);
        System.out.printf("rules: threshold %.3f, withPattern %.3f, fallback %.3f%n", shipped.threshold(), shipped.withPattern(), shipped.fallback());
        for (String group : groups) {
            System.out.printf("  %s, by heads trained on the others: macro-F1 %.3f%s%n", group,
                    macroF1(themeIds, training, given, Set.of(group)), PATTERNS_TUNED_ON.contains(group) ? " (patterns tuned on it)" : "");
        }
        System.out.printf("pooled over the writers the patterns were not tuned on %s: macro-F1 %.3f%n", honest, macroF1(themeIds, training, given, honest));
        System.out.printf("the model alone (no patterns, no fallback), pooled likewise: macro-F1 %.3f%n", macroF1(themeIds, training,
                given(new ThemeRules.Learned(args[0], shipped.threshold()), outOfFold, found), honest));

        for (int i = 2; i < args.length; i++) {
            List<ThemeEvaluation.Item> items = ThemeEvaluation.parse(Files.readString(Path.of(args[i])));
            System.out.println("## " + Path.of(args[i]).getFileName() + ", the shipped classifier");
            System.out.println(ThemeEvaluation.table(ThemeEvaluation.evaluate(ThemeClassifier.forRules(rules), themeIds, items)));
        }
    }

    private ThemeModelEvaluation() {
    }
}
