package dev.preptrack.rules;

import java.util.List;
import java.util.Optional;

/**
 * How feedback is sorted into themes under one rules version: the theme definitions, when a
 * theme counts as recurring for a candidate, the window a trend compares (the last
 * {@code trendWindowDays} against the ones before), how unmatched feedback is grouped, and how
 * far a person's correction of one item carries to the candidate's later ones.
 */
public record ThemeRules(Recurrence recurrence, int trendWindowDays, List<ThemeDefinition> definitions,
        Emerging emerging, Corrections corrections, Resolution resolution, Learned learned) {

    public ThemeRules {
        definitions = List.copyOf(definitions);
    }

    /** Rules whose patterns alone decide the themes (no {@code learned} section). */
    public ThemeRules(Recurrence recurrence, int trendWindowDays, List<ThemeDefinition> definitions,
            Emerging emerging, Corrections corrections, Resolution resolution) {
        this(recurrence, trendWindowDays, definitions, emerging, corrections, resolution, null);
    }

    /** The same rules with their patterns alone deciding every theme (no learned model): to measure or explain the patterns. */
    public ThemeRules patternsAlone() {
        return new ThemeRules(recurrence, trendWindowDays, definitions, emerging, corrections, resolution);
    }

    /** The learned model, when these rules have one: themes it was trained on are its to decide, the rest the patterns'. */
    public Optional<Learned> learnedModel() {
        return Optional.ofNullable(learned);
    }

    public Optional<ThemeDefinition> definition(String themeId) {
        return definitions.stream().filter(d -> d.id().equals(themeId)).findFirst();
    }

    /** Whether feedback with exactly these themes asks for no change (only praise, say): it is never open criticism. */
    public boolean asksForNoChange(List<String> themeIds) {
        return !themeIds.isEmpty() && themeIds.stream()
                .allMatch(id -> definition(id).map(theme -> !theme.asksForChange()).orElse(false));
    }

    public List<String> ids() {
        return definitions.stream().map(ThemeDefinition::id).toList();
    }

    /** A theme recurs when it appears in at least this many distinct sessions or from this many distinct sources. */
    public record Recurrence(int minSessions, int minSources) {
    }

    /**
     * Feedback that fits no theme is grouped when its words overlap enough ({@code similarity},
     * 0–1) with another unmatched item; a group of at least {@code minItems} is shown as an
     * emerging cluster.
     */
    public record Emerging(double similarity, int minItems) {
    }

    /**
     * A later item of the same candidate takes the themes a person gave an earlier one when the
     * content words of the two overlap by at least {@code similarity} (Jaccard, 0–1): the
     * correction is a labelled example, nearest first.
     */
    public record Corrections(double similarity) {
    }

    /**
     * A theme raised on a story is resolved there once an edit addressed it and at least
     * {@code confirmingAttempts} later sessions on that story drew feedback without it; raised
     * again after the edit, it is persisting.
     */
    public record Resolution(int confirmingAttempts) {
    }

    /**
     * Themes learned from a named set of labelled feedback that ships with preptrack
     * ({@code examples}; a new set gets a new name, so a published document keeps its meaning).
     * A theme is given where the model's score reaches {@code threshold} (0–1); where one of the
     * theme's patterns also found it, a score of {@code withPattern} is enough (the model
     * confirms what a pattern proposes); and an item no theme reached gets its best-scored theme
     * where that score reaches {@code fallback}. Left out, {@code withPattern} is the threshold
     * (a pattern adds nothing) and there is no fallback.
     */
    public record Learned(String examples, double threshold, Double withPattern, Double fallback) {

        public Learned {
            withPattern = withPattern == null ? threshold : withPattern;
            fallback = fallback == null ? NO_FALLBACK : fallback;
        }

        /** The model alone: no pattern confirmation, no fallback. */
        public Learned(String examples, double threshold) {
            this(examples, threshold, null, null);
        }

        /** A score above any the model gives (0–1): no item falls back. */
        private static final double NO_FALLBACK = 2;
    }
}
