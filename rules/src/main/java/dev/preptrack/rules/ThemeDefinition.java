package dev.preptrack.rules;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One feedback theme. A clause of a feedback item belongs to the theme when one of its
 * {@code patterns} occurs in it and none of its {@code unless} patterns does. Patterns are
 * regular expressions matched case-insensitively and on whole words (docs/rules-format.md). A theme that
 * {@code claimsClause} (praise) keeps the clauses it matches to itself: "good energy, keep
 * that" is praise, not a remark about delivery.
 */
public record ThemeDefinition(String id, String title, String description, List<Cue> patterns, List<Cue> unless,
        List<String> examples, boolean claimsClause) {

    public ThemeDefinition {
        patterns = List.copyOf(patterns);
        unless = List.copyOf(unless);
        examples = List.copyOf(examples);
    }

    /** A pattern as written in the rules and as compiled. */
    public record Cue(String source, Pattern pattern) {

        /** Patterns match whole words: a match never starts or ends inside a word ({@code [a-z]*} allows endings). */
        public static Cue compile(String source) {
            Pattern.compile(source); // on its own first, so a syntax error points into what the author wrote
            return new Cue(source, Pattern.compile("(?<![\\p{L}\\p{N}_])(?:" + source + ")(?![\\p{L}\\p{N}_])",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
        }

        public boolean foundIn(String text) {
            return pattern.matcher(text).find();
        }
    }
}
