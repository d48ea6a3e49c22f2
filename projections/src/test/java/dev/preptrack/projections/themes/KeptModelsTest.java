package dev.preptrack.projections.themes;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeptModelsTest {

    /** Enough of the shipped set for every theme to have examples, small enough to train in a blink. */
    private static final List<ThemeModel.Example> EXAMPLES = LearnedThemes.examples("preptrack-feedback-2").subList(0, 400);
    private static final List<String> THEMES = themesOf(EXAMPLES);

    @TempDir Path home;
    private final AtomicInteger trainings = new AtomicInteger();

    @Test
    void a_head_scores_a_row_as_liblinear_itself_does() {
        var problem = new Problem();
        problem.l = 4;
        problem.n = 3;
        problem.bias = 1;
        problem.x = new Feature[][] {row(1, 0), row(0.8, 0.1), row(0, 1), row(0.2, 0.9)};
        problem.y = new double[] {0, 0, 1, 1}; // the first label LIBLINEAR meets is the negative one
        var trained = Linear.train(problem, new Parameter(SolverType.L2R_LR, 10, 0.01));
        var head = ThemeModel.Head.of(trained);

        double[] probabilities = new double[2];
        for (Feature[] x : List.of(row(0.5, 0.5), row(0.9, 0.05), row(0.1, 0.7))) {
            Linear.predictProbability(trained, x, probabilities);
            assertThat(head.probability(x)).isEqualTo(probabilities[trained.getLabels()[0] == 1 ? 0 : 1]);
        }
        assertThat(head.positiveFirst()).isFalse();
    }

    @Test
    void a_kept_model_is_read_back_at_the_next_start_and_scores_every_text_to_the_last_bit_as_trained() {
        ThemeModel trained = new KeptModels(home).model(THEMES, EXAMPLES, training());
        ThemeModel read = new KeptModels(home).model(THEMES, EXAMPLES, training());

        assertThat(trainings).hasValue(1);
        assertThat(read).isNotSameAs(trained);
        for (ThemeModel.Example example : LearnedThemes.examples("preptrack-feedback-2")) {
            var row = trained.row(example.text());
            assertThat(read.row(example.text())).usingRecursiveComparison().isEqualTo(row);
            for (int head = 0; head < THEMES.size(); head++) {
                assertThat(read.heads().get(head).probability(row)).isEqualTo(trained.heads().get(head).probability(row));
            }
        }
    }

    @Test
    void a_file_that_does_not_read_back_whole_is_trained_again_and_replaced() throws Exception {
        new KeptModels(home).model(THEMES, EXAMPLES, training());
        Path file = onlyModel();
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2)); // a crash while writing

        new KeptModels(home).model(THEMES, EXAMPLES, training());
        assertThat(trainings).hasValue(2);
        assertThat(Files.readAllBytes(onlyModel())).isEqualTo(bytes);

        bytes[bytes.length / 3] ^= 1; // one bit changed
        Files.write(file, bytes);
        new KeptModels(home).model(THEMES, EXAMPLES, training());
        assertThat(trainings).hasValue(3);
    }

    @Test
    void other_examples_are_another_model_and_the_oldest_are_deleted_past_four() {
        for (int without = 0; without < 6; without++) {
            List<ThemeModel.Example> fewer = new ArrayList<>(EXAMPLES);
            fewer.remove(without);
            new KeptModels(home).model(THEMES, fewer, training());
        }
        assertThat(trainings).hasValue(6);
        assertThat(home.toFile().list()).hasSize(4);

        List<ThemeModel.Example> relabelled = new ArrayList<>(EXAMPLES);
        var first = relabelled.get(0);
        relabelled.set(0, new ThemeModel.Example(first.text(), Set.of("praise"), first.group()));
        assertThat(KeptModels.digest(THEMES, relabelled)).isNotEqualTo(KeptModels.digest(THEMES, EXAMPLES));
    }

    private Supplier<ThemeModel> training() {
        return () -> {
            trainings.incrementAndGet();
            return ThemeModel.train(THEMES, EXAMPLES);
        };
    }

    private Path onlyModel() throws Exception {
        try (var files = Files.list(home)) {
            return files.filter(path -> path.toString().endsWith(".model")).reduce((a, b) -> {
                throw new AssertionError("two models: " + a + ", " + b);
            }).orElseThrow();
        }
    }

    private static Feature[] row(double first, double second) {
        return new Feature[] {new FeatureNode(1, first), new FeatureNode(2, second), new FeatureNode(3, 1)};
    }

    private static List<String> themesOf(List<ThemeModel.Example> examples) {
        var themes = new java.util.TreeSet<String>();
        examples.forEach(example -> themes.addAll(example.themes()));
        return List.copyOf(themes);
    }
}
