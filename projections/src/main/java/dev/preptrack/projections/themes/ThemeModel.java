package dev.preptrack.projections.themes;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import dev.preptrack.rules.ThemeRules;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Themes learned from labelled feedback: one logistic head per theme over {@link TextFeatures};
 * {@link #given} turns the scores into themes as the rules' learned section says.
 * {@link #outOfFoldScores} scores every group of examples (one writer's set) by heads trained
 * without it — what the model does for a writer it has not seen — which is how the thresholds
 * and the cost were chosen (docs/themes-evaluation.md).
 *
 * <p>Deterministic: the vocabulary is sorted, LIBLINEAR's trust-region Newton solver uses no
 * randomness, and scores are rounded to three decimals before a threshold sees them, so a
 * sum's last bits never decide a theme. LIBLINEAR trains; the heads' weights are kept as plain
 * arrays and scored here (the same sum in the same order as its {@code predictProbability}, a
 * test holds them equal), so a model written with {@link #write} and read back scores every
 * text to the last bit as the one trained.
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

    /**
     * One theme's logistic head: a weight per feature, the bias last; {@code positiveFirst} says
     * whether LIBLINEAR put the theme's label first (its probability is then that of the sum).
     */
    record Head(double[] weights, boolean positiveFirst) {
        static Head of(Model trained) {
            return new Head(trained.getFeatureWeights().clone(), trained.getLabels()[0] == 1);
        }

        /** The probability of the theme, as LIBLINEAR's {@code predictProbability} computes it for two classes. */
        double probability(Feature[] row) {
            double sum = 0;
            for (Feature feature : row) {
                if (feature.getIndex() <= weights.length) {
                    sum += weights[feature.getIndex() - 1] * feature.getValue();
                }
            }
            double first = 1 / (1 + Math.exp(-sum));
            return positiveFirst ? first : 1 - first;
        }
    }

    private final List<String> themeIds;
    private final TextFeatures features;
    private final List<Head> heads;

    private ThemeModel(List<String> themeIds, TextFeatures features, List<Head> heads) {
        this.themeIds = themeIds;
        this.features = features;
        this.heads = heads;
    }

    /** Heads trained on every example. */
    static ThemeModel train(List<String> themeIds, List<Example> examples) {
        TextFeatures features = TextFeatures.fit(examples.stream().map(Example::text).toList());
        return new ThemeModel(themeIds, features, heads(themeIds, features, examples));
    }

    /**
     * The themes these scores give, in their order: each whose score reaches the threshold, or
     * {@code withPattern} where a pattern found it too (the model confirms what a pattern proposes).
     */
    static List<String> given(ThemeRules.Learned rule, Map<String, Double> scores, Set<String> foundByPatterns) {
        return scores.entrySet().stream().filter(score -> score.getValue() >= rule.threshold()
                        || foundByPatterns.contains(score.getKey()) && score.getValue() >= rule.withPattern())
                .map(Map.Entry::getKey).toList();
    }

    /**
     * What the classifier gives, from these scores and the themes the patterns found: {@link #given},
     * or, where that is nothing and no theme outside the model was found either
     * ({@code othersFound}), the {@link #fallback}. The one decision the classifier and the
     * evaluation share, so what is measured is what ships.
     */
    static List<String> decide(ThemeRules.Learned rule, Map<String, Double> scores, Set<String> foundByPatterns,
            boolean othersFound) {
        List<String> given = given(rule, scores, foundByPatterns);
        return given.isEmpty() && !othersFound ? fallback(rule, scores).map(List::of).orElse(List.of()) : given;
    }

    /**
     * For an item no theme reached: its best-scored theme (the first in order on a tie) where that
     * score reaches the rules' {@code fallback}. Most feedback asks for something (about 6 % of the
     * labelled items have no theme), but on new writers the guess was right half the time, so
     * rules v1 sets none (docs/themes-evaluation.md).
     */
    private static Optional<String> fallback(ThemeRules.Learned rule, Map<String, Double> scores) {
        Map.Entry<String, Double> best = null;
        for (Map.Entry<String, Double> score : scores.entrySet()) {
            if (best == null || score.getValue() > best.getValue()) {
                best = score;
            }
        }
        return best != null && best.getValue() >= rule.fallback() ? Optional.of(best.getKey()) : Optional.empty();
    }

    /**
     * Each example's scores from heads trained without its group: what the model does for a writer
     * it has not seen (the evaluation chooses the threshold on these, docs/themes-evaluation.md).
     */
    static List<Map<String, Double>> outOfFoldScores(List<String> themeIds, List<Example> examples) {
        Set<String> groups = new TreeSet<>();
        examples.forEach(example -> groups.add(example.group()));
        List<Map<String, Double>> outOfFold = new ArrayList<>(Collections.nCopies(examples.size(), null));
        for (String held : groups) {
            List<Example> rest = examples.stream().filter(example -> !example.group().equals(held)).toList();
            TextFeatures restFeatures = TextFeatures.fit(rest.stream().map(Example::text).toList());
            List<Head> restHeads = heads(themeIds, restFeatures, rest);
            for (int i = 0; i < examples.size(); i++) {
                if (examples.get(i).group().equals(held)) {
                    outOfFold.set(i, byTheme(themeIds, scores(restFeatures, restHeads, examples.get(i).text())));
                }
            }
        }
        return outOfFold;
    }

    /** Macro-F1 over the themes of what was given each example against its labels. */
    static double macroF1(List<String> themeIds, List<Example> examples, List<? extends Collection<String>> given) {
        double sum = 0;
        for (String theme : themeIds) {
            sum += f1(theme, examples, given);
        }
        return sum / themeIds.size();
    }

    /** Each theme's score for the text (0–1, three decimals), in theme order. */
    Map<String, Double> scores(String text) {
        return byTheme(themeIds, scores(features, heads, text));
    }

    private static Map<String, Double> byTheme(List<String> themeIds, double[] scores) {
        Map<String, Double> byTheme = new LinkedHashMap<>();
        for (int theme = 0; theme < themeIds.size(); theme++) {
            byTheme.put(themeIds.get(theme), scores[theme]);
        }
        return byTheme;
    }

    private static double f1(String themeId, List<Example> examples, List<? extends Collection<String>> given) {
        int truePositives = 0, falsePositives = 0, falseNegatives = 0;
        for (int i = 0; i < examples.size(); i++) {
            boolean predicted = given.get(i).contains(themeId), labelled = examples.get(i).themes().contains(themeId);
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

    private static List<Head> heads(List<String> themeIds, TextFeatures features, List<Example> examples) {
        Feature[][] rows = examples.stream().map(example -> nodes(features, example.text())).toArray(Feature[][]::new);
        List<Head> heads = new ArrayList<>();
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
            heads.add(Head.of(Linear.train(problem, parameter)));
        }
        return heads;
    }

    private static double[] scores(TextFeatures features, List<Head> heads, String text) {
        Feature[] row = nodes(features, text);
        double[] scores = new double[heads.size()];
        for (int theme = 0; theme < heads.size(); theme++) {
            scores[theme] = round(heads.get(theme).probability(row));
        }
        return scores;
    }

    /** The text's row as LIBLINEAR reads it (for a test that holds {@link Head#probability} to its own). */
    Feature[] row(String text) {
        return nodes(features, text);
    }

    List<Head> heads() {
        return heads;
    }

    /** The whole model, exactly: the themes, the vocabulary and every weight ({@link #read} gives it back). */
    void write(DataOutputStream out) throws IOException {
        out.writeInt(themeIds.size());
        for (String theme : themeIds) {
            out.writeUTF(theme);
        }
        features.write(out);
        for (Head head : heads) {
            out.writeBoolean(head.positiveFirst());
            out.writeInt(head.weights().length);
            for (double weight : head.weights()) {
                out.writeDouble(weight);
            }
        }
    }

    static ThemeModel read(DataInputStream in) throws IOException {
        List<String> themeIds = new ArrayList<>();
        for (int count = in.readInt(), i = 0; i < count; i++) {
            themeIds.add(in.readUTF());
        }
        TextFeatures features = TextFeatures.read(in);
        List<Head> heads = new ArrayList<>();
        for (int i = 0; i < themeIds.size(); i++) {
            boolean positiveFirst = in.readBoolean();
            double[] weights = new double[in.readInt()];
            if (weights.length != features.size() + 1) {
                throw new IOException("head " + themeIds.get(i) + " has " + weights.length + " weights for "
                        + features.size() + " features");
            }
            for (int w = 0; w < weights.length; w++) {
                weights[w] = in.readDouble();
            }
            heads.add(new Head(weights, positiveFirst));
        }
        return new ThemeModel(List.copyOf(themeIds), features, List.copyOf(heads));
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
