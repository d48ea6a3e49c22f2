package dev.preptrack.rules;

import java.util.List;
import java.util.Optional;

/**
 * How feedback is sorted into themes under one rules version: the theme definitions, when a
 * theme counts as recurring for a candidate, the window a trend compares (the last
 * {@code trendWindowDays} against the ones before), and how unmatched feedback is grouped.
 */
public record ThemeRules(Recurrence recurrence, int trendWindowDays, List<ThemeDefinition> definitions,
        Emerging emerging) {

    public ThemeRules {
        definitions = List.copyOf(definitions);
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
}
