package dev.preptrack.rules;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One feedback theme. A clause of a feedback item belongs to the theme when one of its
 * {@code patterns} occurs in it and none of its {@code unless} patterns does. Patterns are
 * regular expressions matched case-insensitively and on whole words (docs/rules-format.md). A theme that
 * {@code claimsClause} (praise) keeps the clauses it matches to itself: "good energy, keep
 * that" is praise, not a remark about delivery.
 */
public record ThemeDefinition(String id, String title, String description, List<Cue> patterns, List<Cue> unless,
        List<Cue> unlessFollowedBy, List<String> examples, boolean claimsClause, boolean asksForChange) {

    public ThemeDefinition {
        patterns = List.copyOf(patterns);
        unless = List.copyOf(unless);
        unlessFollowedBy = List.copyOf(unlessFollowedBy);
        examples = List.copyOf(examples);
    }

    /**
     * A pattern as written in the rules, and as compiled: {@code pattern} ends with its word
     * boundary; the one at its start is checked by {@link #foundIn} for each candidate match,
     * which is about three times cheaper than a look-behind tried at every position.
     */
    public record Cue(String source, Pattern pattern, boolean wordStart) {

        /**
         * Patterns match whole words: a match never starts or ends inside a word ({@code [a-z]*}
         * allows endings), except next to a quote, which may open or close on a word ("what's
         * 'the ledger'"). Case is ignored for ASCII letters only: Unicode case folding made every
         * classification a fifth slower, and no pattern of rules v1 holds a letter outside ASCII
         * (on the 3,197 labelled texts both match at the same places, every cue and clause).
         */
        public static Cue compile(String source) {
            Pattern.compile(source); // on its own first, so a syntax error points into what the author wrote
            String end = opensOrClosesQuote(source, false) ? "" : "(?![\\p{L}\\p{N}_])";
            return new Cue(source, Pattern.compile("(?:" + source + ")" + end,
                    Pattern.CASE_INSENSITIVE), !opensOrClosesQuote(source, true));
        }

        private static boolean opensOrClosesQuote(String source, boolean atStart) {
            String edge = atStart ? source.replaceFirst("^\\(+", "") : source.replaceFirst("[)?]+$", "");
            if (edge.isEmpty()) {
                return false;
            }
            char c = atStart ? edge.charAt(0) : edge.charAt(edge.length() - 1);
            return c == '\'' || c == '"';
        }

        public boolean foundIn(String text) {
            Matcher matcher = pattern.matcher(text);
            int from = 0;
            while (from <= text.length() && matcher.find(from)) {
                int start = matcher.start();
                if (!wordStart || start == 0 || !isWordChar(text.codePointBefore(start))) {
                    return true;
                }
                from = start + 1;
            }
            return false;
        }

        private static boolean isWordChar(int codePoint) {
            return Character.isLetterOrDigit(codePoint) || codePoint == '_';
        }
    }
}
