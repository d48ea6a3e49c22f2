package dev.preptrack.projections.themes;

import dev.preptrack.rules.LabelledFeedback;
import dev.preptrack.rules.ThemeDefinition;
import dev.preptrack.rules.ThemeRules;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The models trained on the labelled feedback that ships with preptrack ({@link LabelledFeedback},
 * named by the rules). A model is trained once per process for each (set, themes and their examples) — two to three seconds
 * on two cores — and shared, like the classifiers that use it; with {@link #keepIn} a directory,
 * once per installation, read back on later starts.
 */
final class LearnedThemes {

    private static final Map<String, Trained> TRAINED = new ConcurrentHashMap<>();
    /** Where trained models are kept between runs; null: trained in every process (tests, tools). */
    private static volatile KeptModels kept;

    /** A model and the themes it decides: those of the rules its examples hold. */
    record Trained(ThemeModel model, Set<String> themes) {
    }

    private LearnedThemes() {
    }

    /**
     * The model for these rules: trained on their learned section's set and on each theme's own
     * {@code examples} (one more group), trained on first use. So a rules author who adds an
     * example to a theme teaches the model, and a replay under those rules shows what it changed.
     */
    static Trained forRules(ThemeRules rules) {
        ThemeRules.Learned learned = rules.learnedModel().orElseThrow();
        List<ThemeModel.Example> fromRules = new ArrayList<>();
        for (ThemeDefinition theme : rules.definitions()) {
            theme.examples().forEach(text -> fromRules.add(new ThemeModel.Example(text, Set.of(theme.id()), "rules")));
        }
        // Thresholds are not the model's: rules that change only them share it.
        String key = learned.examples() + '\u0000' + rules.ids() + '\u0000' + fromRules;
        return TRAINED.computeIfAbsent(key, ignored -> {
            List<ThemeModel.Example> shipped = examples(learned.examples());
            // Only the shipped set's themes: a theme known from its rules examples alone (a handful) is the patterns' to decide.
            Set<String> labelled = new LinkedHashSet<>();
            shipped.forEach(example -> labelled.addAll(example.themes()));
            List<String> themes = rules.ids().stream().filter(labelled::contains).toList();
            List<ThemeModel.Example> examples = new ArrayList<>(shipped);
            examples.addAll(fromRules);
            KeptModels store = kept;
            ThemeModel model = store == null ? ThemeModel.train(themes, examples)
                    : store.model(themes, examples, () -> ThemeModel.train(themes, examples));
            return new Trained(model, Set.copyOf(themes));
        });
    }

    /** Keeps trained models in {@code directory} from now on, and reads them from there ({@link KeptModels}). */
    static void keepIn(java.nio.file.Path directory) {
        kept = directory == null ? null : new KeptModels(directory);
    }

    /** Every example of the named set, grouped by writer. */
    static List<ThemeModel.Example> examples(String set) {
        return LabelledFeedback.load(set).stream()
                .map(item -> new ThemeModel.Example(item.text(), item.themes(), item.writer())).toList();
    }
}
