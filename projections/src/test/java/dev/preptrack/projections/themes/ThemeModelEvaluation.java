package dev.preptrack.projections.themes;

import dev.preptrack.rules.RulesLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The learned model trained on some labelled sets and measured on others:
 * {@code main(trainFile..., "--", testFile...)} prints the out-of-fold figure on the training sets
 * (each set scored by heads trained without it) and a table per test set (docs/themes-evaluation.md).
 */
final class ThemeModelEvaluation {

    static List<ThemeModel.Example> examples(String group, List<ThemeEvaluation.Item> items) {
        return items.stream().map(item -> new ThemeModel.Example(item.text(), item.themes(), group)).toList();
    }

    public static void main(String[] args) throws IOException {
        List<String> themeIds = RulesLoader.defaults().themes().ids();
        List<ThemeModel.Example> training = new ArrayList<>();
        int i = 0;
        for (; i < args.length && !args[i].equals("--"); i++) {
            training.addAll(examples(Path.of(args[i]).getFileName().toString(), ThemeEvaluation.parse(Files.readString(Path.of(args[i])))));
        }
        double[][] outOfFold = ThemeModel.outOfFoldScores(themeIds, training);
        double chosen = 0, best = -1;
        for (int step = 0; step <= 16; step++) {
            double threshold = 0.2 + 0.025 * step, f1 = ThemeModel.macroF1(themeIds, training, outOfFold, threshold);
            System.out.printf("out of fold (each set by heads trained on the others), threshold %.3f: macro-F1 %.3f%n", threshold, f1);
            if (f1 > best) {
                best = f1;
                chosen = threshold;
            }
        }
        double threshold = Double.parseDouble(System.getProperty("threshold", Double.toString(chosen)));
        for (String group : new java.util.TreeSet<>(training.stream().map(ThemeModel.Example::group).toList())) {
            List<Integer> rows = java.util.stream.IntStream.range(0, training.size())
                    .filter(row -> training.get(row).group().equals(group)).boxed().toList();
            System.out.printf("  %s, by heads trained on the others: macro-F1 %.3f%n", group, ThemeModel.macroF1(themeIds,
                    rows.stream().map(training::get).toList(), rows.stream().map(row -> outOfFold[row]).toArray(double[][]::new), threshold));
        }
        long start = System.nanoTime();
        ThemeModel model = ThemeModel.train(themeIds, training, threshold);
        System.out.printf("trained on %d examples in %.1f s; threshold %.3f%n", training.size(), (System.nanoTime() - start) / 1e9, threshold);
        for (i++; i < args.length; i++) {
            List<ThemeEvaluation.Item> items = ThemeEvaluation.parse(Files.readString(Path.of(args[i])));
            System.out.println("## " + Path.of(args[i]).getFileName());
            System.out.println(ThemeEvaluation.table(ThemeEvaluation.evaluate(model::themes, themeIds, items)));
            if (Boolean.getBoolean("verbose")) {
                for (var item : items) {
                    var got = model.themes(item.text());
                    if (!java.util.Set.copyOf(got).equals(item.themes())) {
                        System.out.println("  want " + item.themes() + " got " + got + " " + model.scores(item.text()) + " | " + item.text());
                    }
                }
            }
        }
    }
}
