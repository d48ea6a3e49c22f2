package dev.preptrack.projections.themes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preptrack.rules.Rules;
import dev.preptrack.rules.RulesLoader;
import dev.preptrack.rules.ThemeRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Precision, recall and F1 per theme of the classifier over a labelled set. Also runnable:
 * {@code main(rulesFile, labelledFile...)} prints the report (used to write docs/themes-evaluation.md);
 * {@code -Dpatterns=true} measures the patterns alone.
 */
final class ThemeEvaluation {

    record Item(String id, String text, Set<String> themes, String split) {
    }

    record Score(int truePositives, int falsePositives, int falseNegatives) {
        double precision() {
            return truePositives + falsePositives == 0 ? 1 : truePositives / (double) (truePositives + falsePositives);
        }

        double recall() {
            return truePositives + falseNegatives == 0 ? 1 : truePositives / (double) (truePositives + falseNegatives);
        }

        double f1() {
            double p = precision(), r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    record Report(Map<String, Score> perTheme, int items) {
        double macroF1() {
            return perTheme.values().stream().mapToDouble(Score::f1).average().orElse(0);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A labelled set by file name: a holdout from test resources, or one of the sets the model ships trained on. */
    static List<Item> load(String file) {
        InputStream found = ThemeEvaluation.class.getResourceAsStream("/themes/" + file);
        for (String shipped : List.of("preptrack-feedback-1", "preptrack-feedback-2", "preptrack-feedback-3")) {
            found = found != null ? found
                    : dev.preptrack.rules.LabelledFeedback.class.getResourceAsStream("labelled/" + shipped + "/" + file);
        }
        try (InputStream in = found) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Item> parse(String jsonl) throws IOException {
        List<Item> items = new ArrayList<>();
        for (String line : jsonl.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = JSON.readTree(line);
            Set<String> themes = new LinkedHashSet<>();
            node.path("themes").forEach(t -> themes.add(t.asText()));
            items.add(new Item(node.path("id").asText(), node.path("text").asText(), themes,
                    node.path("split").asText("holdout")));
        }
        return items;
    }

    static Report evaluate(ThemeClassifier classifier, List<String> themeIds, List<Item> items) {
        return evaluate(text -> classifier.classify(text).themes(), themeIds, items);
    }

    static Report evaluate(java.util.function.Function<String, List<String>> classifier, List<String> themeIds, List<Item> items) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        themeIds.forEach(id -> counts.put(id, new int[3]));
        for (Item item : items) {
            Set<String> predicted = Set.copyOf(classifier.apply(item.text()));
            for (String id : themeIds) {
                boolean p = predicted.contains(id), g = item.themes().contains(id);
                int[] c = counts.get(id);
                if (p && g) {
                    c[0]++;
                } else if (p) {
                    c[1]++;
                } else if (g) {
                    c[2]++;
                }
            }
        }
        Map<String, Score> scores = new LinkedHashMap<>();
        counts.forEach((id, c) -> scores.put(id, new Score(c[0], c[1], c[2])));
        return new Report(scores, items.size());
    }

    static String table(Report report) {
        var out = new StringBuilder("| theme | precision | recall | F1 | support |\n|---|---|---|---|---|\n");
        report.perTheme().forEach((id, s) -> out.append(String.format("| %s | %.2f | %.2f | %.2f | %d |%n", id,
                s.precision(), s.recall(), s.f1(), s.truePositives() + s.falseNegatives())));
        out.append(String.format("| **macro** | | | **%.3f** | %d items |%n", report.macroF1(), report.items()));
        return out.toString();
    }

    public static void main(String[] args) throws IOException {
        Rules rules = RulesLoader.parse(Files.readString(Path.of(args[0])));
        ThemeRules themes = rules.themes();
        if (Boolean.getBoolean("patterns")) { // the patterns alone, as rules without a learned section
            themes = themes.patternsAlone();
        }
        var classifier = new ThemeClassifier(themes);
        boolean verbose = Boolean.getBoolean("verbose");
        if (Boolean.getBoolean("timing")) {
            List<String> texts = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                parse(Files.readString(Path.of(args[i]))).forEach(item -> texts.add(item.text()));
            }
            long[] took = new long[texts.size()];
            for (int round = 0; round < 30; round++) { // the first rounds warm the JIT up
                var fresh = new ThemeClassifier(themes); // nothing remembered: every text classified
                for (int t = 0; t < texts.size(); t++) {
                    long start = System.nanoTime();
                    fresh.classify(texts.get(t));
                    took[t] = System.nanoTime() - start;
                }
            }
            long[] sorted = took.clone();
            java.util.Arrays.sort(sorted);
            System.out.printf("classification (last round): mean %.1f µs, p50 %.1f µs, p99 %.1f µs, max %.1f µs over %d items%n",
                    java.util.Arrays.stream(took).average().orElse(0) / 1e3, sorted[sorted.length / 2] / 1e3,
                    sorted[(int) (sorted.length * 0.99)] / 1e3, sorted[sorted.length - 1] / 1e3, texts.size());
        }
        for (int i = 1; i < args.length; i++) {
            List<Item> items = parse(Files.readString(Path.of(args[i])));
            for (String split : new LinkedHashSet<>(items.stream().map(Item::split).toList())) {
                Predicate<Item> inSplit = item -> item.split().equals(split);
                List<Item> part = items.stream().filter(inSplit).toList();
                System.out.println("## " + Path.of(args[i]).getFileName() + " / " + split);
                System.out.println(table(evaluate(classifier, rules.themes().ids(), part)));
                if (verbose) {
                    for (Item item : part) {
                        var got = classifier.classify(item.text());
                        if (!Set.copyOf(got.themes()).equals(item.themes())) {
                            System.out.println("  want " + item.themes() + " got " + got.themes() + " | " + item.text());
                            got.evidence().forEach(e -> System.out.println("      " + e.theme() + " <- '" + e.pattern() + "' in: " + e.clause()));
                        }
                    }
                }
            }
        }
    }
}
