package dev.preptrack.projections.themes;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Themes learned from labelled feedback: one logistic head per theme over {@link TextFeatures};
 * a theme is given where its score reaches the rules' threshold. {@link #outOfFoldScores} scores
 * every group of examples (one writer's set) by heads trained without it — what the model does
 * for a writer it has not seen — which is how the threshold and the cost were chosen
 * (docs/themes-evaluation.md).
 *
 * <p>Deterministic: the vocabulary is sorted, LIBLINEAR's trust-region Newton solver uses no
 * randomness, and scores are rounded to three decimals before a threshold sees them, so a
 * sum's last bits never decide a theme.
 */
final class ThemeModel {

    /** L2 regularisation: the loss weighs this much against the weights' squared norm (scikit-learn's C). */
    static final double COST = 10;
    private static final double TOLERANCE = 0.01;

    static {
        Linear.disableDebugOutput(); // LIBLINEAR prints its iterations to stdout otherwise
    }

    /** A labelled text; {@code group} is who wrote it, so thresholds are chosen on writers not trained on. */
    record Example(String text, Set<String> themes, String group) {
    }

    private final List<String> themeIds;
    private final TextFeatures features;
    private final List<Model> heads;
    private final double threshold;

    private ThemeModel(List<String> themeIds, TextFeatures features, List<Model> heads, double threshold) {
        this.themeIds = themeIds;
        this.features = features;
        this.heads = heads;
        this.threshold = threshold;
    }

    /** Heads trained on every example; a theme is given where its score reaches {@code threshold}. */
    static ThemeModel train(List<String> themeIds, List<Example> examples, double threshold) {
        TextFeatures features = TextFeatures.fit(examples.stream().map(Example::text).toList());
        return new ThemeModel(themeIds, features, heads(themeIds, features, examples), threshold);
    }

    /**
     * Each example's scores from heads trained without its group: what the model does for a writer
     * it has not seen (the evaluation chooses the threshold on these, docs/themes-evaluation.md).
     */
    static double[][] outOfFoldScores(List<String> themeIds, List<Example> examples) {
        Set<String> groups = new TreeSet<>();
        examples.forEach(example -> groups.add(example.group()));
        double[][] outOfFold = new double[examples.size()][];
        for (String held : groups) {
            List<Example> rest = examples.stream().filter(example -> !example.group().equals(held)).toList();
            TextFeatures restFeatures = TextFeatures.fit(rest.stream().map(Example::text).toList());
            List<Model> restHeads = heads(themeIds, restFeatures, rest);
            for (int i = 0; i < examples.size(); i++) {
                if (examples.get(i).group().equals(held)) {
                    outOfFold[i] = scores(restFeatures, restHeads, examples.get(i).text());
                }
            }
        }
        return outOfFold;
    }

    /** Macro-F1 over the themes of these scores against the examples' labels at this threshold. */
    static double macroF1(List<String> themeIds, List<Example> examples, double[][] scores, double threshold) {
        double sum = 0;
        for (int theme = 0; theme < themeIds.size(); theme++) {
            sum += f1(themeIds.get(theme), theme, threshold, examples, scores);
        }
        return sum / themeIds.size();
    }

    /** Each theme's score for the text (0–1, three decimals), in theme order. */
    Map<String, Double> scores(String text) {
        double[] scores = scores(features, heads, text);
        Map<String, Double> byTheme = new LinkedHashMap<>();
        for (int theme = 0; theme < themeIds.size(); theme++) {
            byTheme.put(themeIds.get(theme), scores[theme]);
        }
        return byTheme;
    }

    /** Whether a score gives its theme: it reaches the threshold. */
    boolean gives(double score) {
        return score >= threshold;
    }

    /** The themes whose score reaches the threshold, in theme order. */
    List<String> themes(String text) {
        return scores(text).entrySet().stream().filter(score -> gives(score.getValue())).map(Map.Entry::getKey).toList();
    }

    private static double f1(String themeId, int theme, double threshold, List<Example> examples, double[][] scores) {
        int truePositives = 0, falsePositives = 0, falseNegatives = 0;
        for (int i = 0; i < examples.size(); i++) {
            boolean predicted = scores[i][theme] >= threshold, labelled = examples.get(i).themes().contains(themeId);
            if (predicted && labelled) {
                truePositives++;
            } else if (predicted) {
                falsePositives++;
            } else if (labelled) {
                falseNegatives++;
            }
        }
        return truePositives == 0 ? 0 : 2.0 * truePositives / (2.0 * truePositives + falsePositives + falseNegatives);
    }

    private static List<Model> heads(List<String> themeIds, TextFeatures features, List<Example> examples) {
        Feature[][] rows = examples.stream().map(example -> nodes(features, example.text())).toArray(Feature[][]::new);
        List<Model> heads = new ArrayList<>();
        for (String theme : themeIds) {
            Problem problem = new Problem();
            problem.l = rows.length;
            problem.n = features.size() + 1; // the last feature is the bias
            problem.x = rows;
            problem.bias = 1;
            problem.y = examples.stream().mapToDouble(example -> example.themes().contains(theme) ? 1 : 0).toArray();
            long positives = examples.stream().filter(example -> example.themes().contains(theme)).count();
            if (positives == 0 || positives == examples.size()) {
                throw new IllegalArgumentException("theme " + theme + " needs examples with it and without it, got "
                        + positives + " of " + examples.size());
            }
            Parameter parameter = new Parameter(SolverType.L2R_LR, COST, TOLERANCE);
            parameter.setRegularizeBias(false); // the intercept is free, as in scikit-learn's logistic regression
            // Each class weighs as much as the other in the loss ("balanced"): a theme is on a tenth of the items.
            parameter.setWeights(new double[] {examples.size() / (2.0 * positives),
                    examples.size() / (2.0 * (examples.size() - positives))}, new int[] {1, 0});
            heads.add(Linear.train(problem, parameter));
        }
        return heads;
    }

    private static double[] scores(TextFeatures features, List<Model> heads, String text) {
        Feature[] row = nodes(features, text);
        double[] scores = new double[heads.size()];
        double[] probabilities = new double[2];
        for (int theme = 0; theme < heads.size(); theme++) {
            Model head = heads.get(theme);
            Linear.predictProbability(head, row, probabilities);
            int positive = head.getLabels()[0] == 1 ? 0 : 1;
            scores[theme] = round(probabilities[positive]);
        }
        return scores;
    }

    /** The text's features as LIBLINEAR takes them: counted from 1, and the bias term last (the caller adds it). */
    private static Feature[] nodes(TextFeatures features, String text) {
        TextFeatures.Sparse vector = features.vector(text);
        Feature[] nodes = new Feature[vector.indices().length + 1];
        for (int i = 0; i < vector.indices().length; i++) {
            nodes[i] = new FeatureNode(vector.indices()[i] + 1, vector.values()[i]);
        }
        nodes[nodes.length - 1] = new FeatureNode(features.size() + 1, 1);
        return nodes;
    }

    private static double round(double score) {
        return Math.round(score * 1000) / 1000.0;
    }
}
