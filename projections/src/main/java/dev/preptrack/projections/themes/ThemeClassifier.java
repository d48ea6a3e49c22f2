package dev.preptrack.projections.themes;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.preptrack.rules.ThemeDefinition;
import dev.preptrack.rules.ThemeRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Assigns feedback text its themes under one rules version: a pure function of the text and
 * the theme definitions, about two milliseconds per item (a thousand patterns over a few
 * clauses, and the learned model when the rules have one: it decides the themes its labelled
 * set holds, the patterns the others, and a pattern that agrees explains a learned theme). Classifiers are shared per set of definitions ({@link #forRules}) and remember
 * their answers (a Caffeine cache bounded by the characters of the texts it holds), so a
 * replay under rules whose theme definitions did not change (a new readiness weight, say)
 * does not classify every item again. What is remembered changes only how often a text is
 * classified, never the answer.
 *
 * <p>Feedback often praises one thing and asks for another ("good energy. But numbers?"), so
 * the text is cut into clauses at sentence ends and contrasting words; a theme's
 * {@code unless} patterns veto a match within the same clause, its {@code unlessFollowedBy}
 * patterns when found in the next clause of the same sentence (written with {@code ^}, as in
 * rules v1, when they must open it; docs/rules-format.md).
 */
public final class ThemeClassifier {

    private static final Pattern CLAUSE_BREAK = Pattern.compile(
            "(?<=[.!?;])\\s+|\\s+[-–—]+\\s+|\\s*[—–]\\s*|[()\\n]+|:\\s+|,?\\s+(?=(?:but|however|though|although|whereas|except)\\b)"
                    + "|,\\s+(?=(?:weak|missing|needs?|no|not|only)\\b)",
            Pattern.CASE_INSENSITIVE);

    /** How much text the memory holds at most (characters); past it, Caffeine evicts the answers least likely to be asked for again. */
    private static final long REMEMBERED_CHARS = 2_000_000; // a few MB of a 256 MiB heap
    private static final Map<String, ThemeClassifier> SHARED = new ConcurrentHashMap<>();

    private static final Pattern SENTENCE_END = Pattern.compile("[.!?;]\\s*$");

    private final ThemeRules rules;
    /** The learned model, when the rules have one; null when the patterns alone decide. */
    private final LearnedThemes.Trained learned;
    private final Cache<String, Classification> remembered;
    /** The model's suggestions for unsorted texts, asked for by every report that lists them: remembered like the answers. */
    private final Cache<String, List<String>> suggested;
    /** Answers given from outside for a while ({@link #pin}), whatever the memory's bound. */
    private final Map<String, Pinned> pinned = new ConcurrentHashMap<>();
    private final AtomicLong computed = new AtomicLong();

    public ThemeClassifier(ThemeRules rules) {
        this(rules, REMEMBERED_CHARS);
    }

    ThemeClassifier(ThemeRules rules, long rememberedChars) {
        this.rules = rules;
        this.learned = rules.learnedModel().isPresent() ? LearnedThemes.forRules(rules) : null;
        this.remembered = Caffeine.newBuilder()
                .maximumWeight(rememberedChars)
                .weigher((String text, Classification classification) -> text.length())
                // Evict on the calling thread, not the common pool: memory use then follows the stream
                // threads' work, and tests see the same cache after every call.
                .executor(Runnable::run)
                .build();
        this.suggested = Caffeine.newBuilder()
                .maximumWeight(rememberedChars / 4)
                .weigher((String text, List<String> themes) -> text.length())
                .executor(Runnable::run)
                .build();
    }

    /** The classifier for these theme definitions, shared with every projection that uses the same ones. */
    public static ThemeClassifier forRules(ThemeRules rules) {
        // The same rules object asks again and again (every feedback item folded): answer it without
        // taking the definitions' fingerprint each time, which cost more than classifying a remembered text.
        // Remembered by identity (weak keys compare with ==), not only the last one asked: two versions'
        // projections folding side by side (a rebuild beside the active set) took turns, and each turn
        // took the fingerprint — a fifth of a rebuild's time.
        return BY_RULES.get(rules, asked -> SHARED.computeIfAbsent(fingerprint(asked), key -> new ThemeClassifier(asked)));
    }

    private static final com.github.benmanes.caffeine.cache.Cache<ThemeRules, ThemeClassifier> BY_RULES =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().weakKeys().executor(Runnable::run).build();

    /** What decides a classification: every definition's id, patterns, vetoes and claim. */
    static String fingerprint(ThemeRules rules) {
        var out = new StringBuilder();
        for (ThemeDefinition theme : rules.definitions()) {
            out.append(theme.id()).append('\u0000').append(theme.claimsClause());
            theme.patterns().forEach(cue -> out.append('\u0001').append(cue.source()));
            theme.unless().forEach(cue -> out.append('\u0002').append(cue.source()));
            theme.unlessFollowedBy().forEach(cue -> out.append('\u0003').append(cue.source()));
            if (rules.learnedModel().isPresent()) { // the model learns from the theme's examples too
                theme.examples().forEach(example -> out.append('\u0004').append(example));
            }
            out.append('\n');
        }
        // Every field of the learned section decides: its set, threshold, withPattern and fallback.
        rules.learnedModel().ifPresent(learned -> out.append("learned\u0000").append(learned));
        return out.toString();
    }

    /**
     * Keeps the learned models trained in this process in {@code directory} (the installation's
     * home), so a later start reads them instead of training again; what it changes is how soon a
     * model is ready, never a classification.
     */
    public static void keepModelsIn(java.nio.file.Path directory) {
        LearnedThemes.keepIn(directory);
    }

    /** How many characters of text the memory holds now. */
    long rememberedChars() {
        return remembered.policy().eviction().orElseThrow().weightedSize().orElseThrow();
    }

    /** How many texts every classifier of this process has classified (not answered from memory or a pin). */
    public static long computedEverywhere() {
        return SHARED.values().stream().mapToLong(ThemeClassifier::computed).sum();
    }

    /**
     * Forgets every classifier's remembered answers (never a pin's). Answers stay the same; a test
     * sees what a process whose memory no longer holds a year of texts would classify.
     */
    public static void forgetRemembered() {
        SHARED.values().forEach(classifier -> classifier.remembered.invalidateAll());
    }

    /** How many texts this classifier has actually classified (not answered from memory). */
    public long computed() {
        return computed.get();
    }

    /** Whether a learned model decides (some of) the themes; without one, {@link #suggestions} has none to give. */
    public boolean learns() {
        return learned != null;
    }

    /**
     * Where a person would look first for a text no theme reached: up to two themes that ask for a
     * change, the model's highest scores for it (each at least {@value #SUGGESTION_FLOOR}), best
     * first; none without a learned model. A pure function of the text and the model, like
     * {@link #classify}, so a replay suggests what live did.
     */
    public List<String> suggestions(String text) {
        if (learned == null) {
            return List.of();
        }
        return suggested.get(text, unsorted -> learned.model().scores(unsorted).entrySet().stream()
                .filter(score -> score.getValue() >= SUGGESTION_FLOOR
                        && rules.definition(score.getKey()).map(ThemeDefinition::asksForChange).orElse(false))
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(2).map(Map.Entry::getKey).toList());
    }

    /**
     * Below this a theme is not suggested. Chosen on the holdout sets G and H of the time: of
     * their criticisms that no theme reached, the model's top two held a right theme for 24 of 35
     * with it (25 without), where the words shared with the rules' examples held one for 5. Under
     * today's rules v1, 14 of the 426 criticisms of sets I and J stay unsorted, 11 of them
     * suggested a right theme (docs/themes-evaluation.md).
     */
    static final double SUGGESTION_FLOOR = 0.1;

    /** The themes of one feedback item, in rules order, each with the first clause and pattern that found it. */
    public Classification classify(String text) {
        Pinned known = pinned.isEmpty() ? null : pinned.get(text);
        if (known != null) {
            return known.classification();
        }
        // One computation per text even when stream threads ask for it at once (at worst a text in
        // the same hash bin waits for that millisecond, where the old map took one lock for all).
        return remembered.get(text, this::compute);
    }

    /**
     * Answers these texts with these classifications until the handle is closed, however little
     * the memory holds. They must be this classifier's own answers, made before and kept with the
     * items they classified (a feedback store's items): a rebuild under the same theme
     * definitions takes them from the active set instead of classifying a year of feedback again.
     * A text stays pinned while any pin holding it is open (passes folding partitions at once,
     * {@code LogRebuild.FOLD_THREADS} above one, may both hold it).
     */
    public Pin pin(Map<String, Classification> answers) {
        List<String> held = List.copyOf(answers.keySet());
        answers.forEach((text, classification) -> pinned.merge(text, new Pinned(classification, 1),
                (present, again) -> new Pinned(present.classification(), present.holders() + 1)));
        var closed = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                held.forEach(text -> pinned.computeIfPresent(text, (key, present) -> present.holders() == 1 ? null
                        : new Pinned(present.classification(), present.holders() - 1)));
            }
        };
    }

    /** A pinned answer and how many open pins hold it. */
    private record Pinned(Classification classification, int holders) {
    }

    /** Ends a {@link #pin}. */
    public interface Pin extends AutoCloseable {
        @Override
        void close();
    }

    /** Whether two sets of definitions classify every text alike (one classifier serves both). */
    public static boolean classifyAlike(ThemeRules a, ThemeRules b) {
        return forRules(a) == forRules(b);
    }

    private Classification compute(String text) {
        computed.incrementAndGet();
        Map<String, Evidence> found = new LinkedHashMap<>();
        List<String> clauses = clauses(text);
        Set<Integer> claimed = new HashSet<>();
        // Claiming themes go first and take their clauses out of the others' reach.
        for (ThemeDefinition theme : rules.definitions()) {
            if (theme.claimsClause()) {
                for (int i = 0; i < clauses.size(); i++) {
                    var cue = firstCue(theme, clauses, i);
                    if (cue != null) {
                        found.putIfAbsent(theme.id(), new Evidence(theme.id(), clauses.get(i), cue));
                        claimed.add(i);
                    }
                }
            }
        }
        for (ThemeDefinition theme : rules.definitions()) {
            if (theme.claimsClause()) {
                continue;
            }
            for (int i = 0; i < clauses.size(); i++) {
                var cue = claimed.contains(i) ? null : firstCue(theme, clauses, i);
                if (cue != null) {
                    found.put(theme.id(), new Evidence(theme.id(), clauses.get(i), cue));
                    break;
                }
            }
        }
        if (learned != null) {
            return withLearned(text, clauses, found);
        }
        List<String> themes = rules.ids().stream().filter(found::containsKey).toList();
        return new Classification(themes, themes.stream().map(found::get).toList());
    }

    /**
     * The model decides the themes it was trained on, the patterns the others. A learned theme is
     * given where its score reaches the rules' threshold, or their lower {@code withPattern} where
     * its pattern found it too; an item nothing reached gets its best-scored theme where that
     * reaches {@code fallback}. A learned theme is explained by the pattern that also found it
     * when one did, else by the clause the model scores highest for it and that score.
     */
    private Classification withLearned(String text, List<String> clauses, Map<String, Evidence> patterns) {
        ThemeRules.Learned rule = rules.learnedModel().orElseThrow();
        Map<String, Double> scores = learned.model().scores(text);
        boolean othersFound = patterns.keySet().stream().anyMatch(theme -> !learned.themes().contains(theme));
        Set<String> given = new HashSet<>(ThemeModel.decide(rule, scores, patterns.keySet(), othersFound));
        Map<String, Map<String, Double>> clauseScores = new HashMap<>(); // each clause scored once, for every theme it explains
        List<String> themes = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        for (String theme : rules.ids()) {
            if (learned.themes().contains(theme) ? given.contains(theme) : patterns.containsKey(theme)) {
                themes.add(theme);
                Evidence found = patterns.get(theme);
                // Given below the threshold without a pattern: only the fallback does that.
                String note = found == null && scores.get(theme) < rule.threshold() ? ", the item's best" : "";
                evidence.add(found != null ? found : learnedEvidence(theme, clauses, clauseScores, text, scores.get(theme), note));
            }
        }
        return new Classification(themes, evidence);
    }

    private Evidence learnedEvidence(String theme, List<String> clauses, Map<String, Map<String, Double>> clauseScores,
            String text, double textScore, String note) {
        String best = text;
        double bestScore = -1;
        for (String clause : clauses.size() > 1 ? clauses : List.<String>of()) {
            double score = clauseScores.computeIfAbsent(clause, learned.model()::scores).get(theme);
            if (score > bestScore) {
                bestScore = score;
                best = clause;
            }
        }
        return new Evidence(theme, best, String.format(java.util.Locale.ROOT, "learned (score %.3f%s)", textScore, note));
    }

    private static String firstCue(ThemeDefinition theme, List<String> clauses, int index) {
        String clause = clauses.get(index);
        for (var unless : theme.unless()) {
            if (unless.foundIn(clause)) {
                return null;
            }
        }
        if (index + 1 < clauses.size() && !SENTENCE_END.matcher(clause).find()) {
            for (var unless : theme.unlessFollowedBy()) {
                if (unless.foundIn(clauses.get(index + 1))) {
                    return null;
                }
            }
        }
        for (var cue : theme.patterns()) {
            if (cue.foundIn(clause)) {
                return cue.source();
            }
        }
        return null;
    }

    static List<String> clauses(String text) {
        String normalized = text.replace('’', '\'').replace('‘', '\'').replace('“', '"').replace('”', '"').strip();
        List<String> clauses = new ArrayList<>();
        for (String clause : CLAUSE_BREAK.split(normalized)) {
            if (!clause.isBlank()) {
                clauses.add(clause.strip());
            }
        }
        return clauses;
    }

    /** The themes found, and for each the clause and pattern that found it (to explain the result). */
    public record Classification(List<String> themes, List<Evidence> evidence) {
    }

    public record Evidence(String theme, String clause, String pattern) {
    }
}
