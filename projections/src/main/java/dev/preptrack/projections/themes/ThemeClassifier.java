package dev.preptrack.projections.themes;

import dev.preptrack.rules.ThemeDefinition;
import dev.preptrack.rules.ThemeRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Assigns feedback text its themes under one rules version. Pure and cheap (regular
 * expressions over a few clauses), so a replay under new rules simply classifies again.
 *
 * <p>Feedback often praises one thing and asks for another ("good story, but numbers?"), so
 * the text is cut into clauses at sentence ends and contrasting words, and a theme's
 * {@code unless} patterns only veto a match within the same clause.
 */
public final class ThemeClassifier {

    private static final Pattern CLAUSE_BREAK = Pattern.compile(
            "(?<=[.!?;])\\s+|\\s+[-–—]+\\s+|\\s*[—–]\\s*|[()\\n]+|:\\s+|,?\\s+(?=(?:but|however|though|although|whereas|except)\\b)"
                    + "|,\\s+(?=(?:weak|missing|needs?|no|not|only)\\b)",
            Pattern.CASE_INSENSITIVE);

    private final ThemeRules rules;

    public ThemeClassifier(ThemeRules rules) {
        this.rules = rules;
    }

    /** The themes of one feedback item, in rules order, each with the first clause and pattern that found it. */
    public Classification classify(String text) {
        Map<String, Evidence> found = new LinkedHashMap<>();
        List<String> clauses = new ArrayList<>(clauses(text));
        // Claiming themes go first and take their clauses out of the others' reach.
        for (ThemeDefinition theme : rules.definitions()) {
            if (theme.claimsClause()) {
                for (var it = clauses.iterator(); it.hasNext();) {
                    String clause = it.next();
                    var cue = firstCue(theme, clause);
                    if (cue != null) {
                        found.putIfAbsent(theme.id(), new Evidence(theme.id(), clause, cue));
                        it.remove();
                    }
                }
            }
        }
        for (ThemeDefinition theme : rules.definitions()) {
            if (theme.claimsClause()) {
                continue;
            }
            for (String clause : clauses) {
                var cue = firstCue(theme, clause);
                if (cue != null) {
                    found.put(theme.id(), new Evidence(theme.id(), clause, cue));
                    break;
                }
            }
        }
        List<String> themes = rules.ids().stream().filter(found::containsKey).toList();
        return new Classification(themes, themes.stream().map(found::get).toList());
    }

    private static String firstCue(ThemeDefinition theme, String clause) {
        for (var unless : theme.unless()) {
            if (unless.foundIn(clause)) {
                return null;
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
