package dev.preptrack.ui.imports;

import dev.preptrack.domain.event.FeedbackReceived.Source.Role;
import dev.preptrack.ui.imports.NoteLines.Kind;
import dev.preptrack.ui.imports.NoteLines.Line;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who said what, in notes: the lines that open a feedback list and name its giver ("## Feedback
 * from coach Maya", "notes from coach:", "Ines (peer, practice round):"), and a feedback item's
 * words apart from its giver, wherever the author put them — "(peer - sam)", "— coach ben",
 * "- Priya (coach)", "Sam (peer): …". A name is the words outside parentheses, a role may be
 * inside; "mock" alone reads as a peer, and no role at all as a peer, marked as guessed.
 */
final class Givers {

    private static final Pattern GIVER_IN_PARENTHESES = Pattern.compile("^(.*\\S)\\s*\\(([^()]{1,60})\\)[\\s.!]*$");
    private static final Pattern GIVER_THEN_REMARK = Pattern.compile("^(.*\\S)\\s*\\(([^()]{1,60})\\)\\s*(?:[-–—]+|,)\\s*(.{1,60})$");
    private static final Pattern GIVER_AFTER_DASH = Pattern.compile("^(.*\\S)\\s+[-–—]{1,2}\\s*([^-–—]{1,40})$");
    private static final Pattern BRACKETED = Pattern.compile("\\(([^)]*)\\)");
    private static final Pattern FB_MARK = Pattern.compile("(?i)^fb\\b\\s*[-–—:]?\\s*");
    private static final Pattern CHECKBOX = Pattern.compile("^\\[[ xX]\\]\\s*");
    private static final Pattern GIVER_FIRST = Pattern.compile("^([\\p{L}][\\p{L} .'-]{0,30}?(?:\\s*\\([^()]{1,30}\\))?)\\s*:\\s+(.+)$");
    private static final Pattern QUESTION_LABEL = Pattern.compile("^(?:question|q)\\s*[:：]\\s*", Pattern.CASE_INSENSITIVE);

    private Givers() {
    }


    /** A feedback line's words, and who gave it when the line says (null otherwise). */
    record Feedback(String text, Giver giver) {
    }

    /** Who gave feedback; {@code roleGuessed} when no role was named and {@code peer} is assumed. */
    record Giver(String name, Role role, boolean roleGuessed) {
    }

    /** The start of a feedback list, what follows on its line, and who gave the list when its heading says. */
    record FeedbackHeader(String rest, Giver giver) {
    }

    private static final Map<String, Role> ROLE_WORDS = Map.ofEntries(Map.entry("peer", Role.PEER),
            Map.entry("mock", Role.PEER), Map.entry("friend", Role.PEER), Map.entry("colleague", Role.PEER),
            Map.entry("coach", Role.COACH), Map.entry("mentor", Role.COACH),
            Map.entry("interviewer", Role.INTERVIEWER), Map.entry("interview", Role.INTERVIEWER),
            Map.entry("recruiter", Role.INTERVIEWER), Map.entry("hm", Role.INTERVIEWER), Map.entry("manager", Role.INTERVIEWER),
            Map.entry("self", Role.SELF), Map.entry("me", Role.SELF), Map.entry("myself", Role.SELF));
    private static final List<String> FILLER = List.of("from", "by", "said", "the", "a", "an", "my", "our", "round",
            "with", "w", "real", "after", "notes", "note", "feedback", "onsite", "on", "site", "and", "of", "own",
            "hiring", "debrief", "fb", "s", "session", "practice", "call", "cohort", "loop", "quick", "written");
    private static final Pattern FEEDBACK_WORD = Pattern.compile("(?i)\\b(?:feedback|comments?|debrief|fb)\\b"
            + "|^(?:\\p{L}+\\s+)?notes?\\s+from\\b|^(?:self|my own|my|coach|peer|interviewer|mentor)[- ]?(?:notes?|review)\\b");

    /**
     * Whether a line opens a feedback list: "feedback:", "## Feedback from mock 2", "Interviewer
     * feedback (mock onsite):", "notes from coach:", "Self notes after mock 2". Its giver is the
     * role and name the heading gives, dates and numbers aside; an item naming its own giver wins.
     */
    static Optional<FeedbackHeader> feedbackHeader(Line line) {
        String text = NoteText.stripLeading(line.text());
        Matcher word = FEEDBACK_WORD.matcher(text);
        if (!word.find() || !saysWho(text.substring(0, word.start()))) {
            return Optional.empty();
        }
        int colon = text.indexOf(':');
        String head = colon < 0 ? text : text.substring(0, colon);
        String rest = colon < 0 ? "" : text.substring(colon + 1).strip();
        // A long sentence that happens to say "feedback" is not a heading, unless a colon ends its label.
        if (line.kind() != Kind.HEADING && colon < 0 && text.split("\\s+").length > 8) {
            return Optional.empty();
        }
        if (head.split("\\s+").length > 12) {
            return Optional.empty();
        }
        String about = head.replaceAll("(?i)\\b(?:feedback|comments?|notes?|debrief|fb|review)\\b", " ");
        boolean self = text.toLowerCase(Locale.ROOT).matches("^(?:self|my own|my)\\b.*");
        // Only a heading that says who ("from Jordan (peer)", "Interviewer feedback") names the list's giver;
        // "feedback after the session" names nobody.
        boolean names = about.matches("(?i).*\\bfrom\\b.*") || hasRoleWord(about);
        Giver giver = self ? new Giver("self", Role.SELF, false) : names ? giver(about.replaceAll("[\\[\\]]", " ")) : null;
        return Optional.of(new FeedbackHeader(rest, giver));
    }

    /** Words before "feedback" that say whose it is ("Interviewer feedback", "mock 2 feedback") or nothing at all. */
    static boolean saysWho(String before) {
        for (String word : before.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty() && !ROLE_WORDS.containsKey(word) && !FILLER.contains(word) && !word.matches("\\d+")
) {
                return false;
            }
        }
        return true;
    }

    /**
     * A line that names only a giver and ends with a colon ("Ines (peer, practice round):", "- from
     * Jordan (peer mock)", "self, after watching the recording"): who gave the items under it.
     */
    static Optional<Giver> giverLine(String text, boolean inFeedback) {
        String bare = NoteText.stripLeading(text).replaceAll("[:：]\\s*$", "").strip();
        if (bare.isEmpty() || bare.split("\\s+").length > 10 || bare.matches(".*[.!?]$")) {
            return Optional.empty();
        }
        boolean colon = text.strip().matches(".*[:：]$");
        String outside = bare.replaceAll("\\([^)]*\\)", " ");
        boolean from = outside.toLowerCase(Locale.ROOT).matches("^(?:from|w/|with)\\b.*");
        String[] words = outside.strip().split("[\\s,]+");
        // "self, after watching the recording" or "coach notes:"; "interviewer liked it" is a sentence.
        boolean roleFirst = ROLE_WORDS.containsKey(words[0].toLowerCase(Locale.ROOT))
                && (colon || words.length <= 6 && bare.matches("^\\S+\\s*[,(].*"));
        boolean nameThenRole = colon && words.length <= 3 && bare.contains("(") && hasRoleWord(bare);
        // Outside a feedback list only a line ending with a colon opens one; a sentence about a peer does not.
        if (!(from || roleFirst || nameThenRole) || !(colon || inFeedback)) {
            return Optional.empty();
        }
        return Optional.ofNullable(giver(bare.replaceFirst("(?i)^(?:from|w/|with)\\s+", "")));
    }

    /**
     * A feedback line as its text and giver: "(peer - sam)", "(coach anna)", "(from Li Wei,
     * interviewer)" or "— coach ben" at the end, a "Question:" label dropped from the start.
     */
    static Feedback feedback(String line) {
        if (line.length() > MarkdownNotes.LONGEST_LABELLED_LINE) {
            // A paragraph of feedback: its giver is the list's (the patterns below are not for such lengths).
            return new Feedback(cleaned(line), null);
        }
        String text = FB_MARK.matcher(CHECKBOX.matcher(line.strip()).replaceFirst("")).replaceFirst("");
        Matcher first = GIVER_FIRST.matcher(text);
        if (first.matches() && hasRoleWord(first.group(1))) {
            // "Sam (peer): you skipped …", "interviewer: good two-stage explanation"
            return new Feedback(cleaned(first.group(2)), giver(first.group(1)));
        }
        String tail = null;
        String remark = "";
        Matcher remarked = GIVER_THEN_REMARK.matcher(text);
        Matcher parentheses = GIVER_IN_PARENTHESES.matcher(text);
        if (remarked.matches() && looksLikeGiver(remarked.group(2))) {
            // "… (coach maya) — done in v2": the remark after the giver stays with the words.
            text = remarked.group(1);
            tail = remarked.group(2);
            remark = remarked.group(3).strip();
        } else if (parentheses.matches() && looksLikeGiver(parentheses.group(2))) {
            text = parentheses.group(1);
            tail = parentheses.group(2);
        }
        if (tail != null) {
            // "… – Priya (coach)": the name before the role's parentheses.
            Matcher named = GIVER_AFTER_DASH.matcher(text);
            if (named.matches() && named.group(2).strip().matches("[\\p{L}][\\p{L}' .]{0,30}")
                    && named.group(2).strip().split("\\s+").length <= 3) {
                text = named.group(1);
                tail = named.group(2).strip() + " (" + tail + ")";
            }
        } else {
            Matcher dash = GIVER_AFTER_DASH.matcher(text);
            if (dash.matches() && looksLikeGiver(dash.group(2)) && dash.group(2).strip().split("\\s+").length <= 4) {
                text = dash.group(1);
                tail = dash.group(2);
            }
        }
        if (!remark.isEmpty()) {
            text = text + " — " + remark;
        }
        return new Feedback(cleaned(text), tail == null ? null : giver(tail));
    }

    /** A feedback item's words without emphasis marks around them, enclosing quotes or a "Question:" label. */
    static String cleaned(String text) {
        return QUESTION_LABEL.matcher(NoteText.unquote(NoteText.trim(text, "*_"))).replaceFirst("").strip();
    }

    /** "self (after recording): …", "Sam (peer): …": a line that starts with who said it. */
    static boolean startsWithGiver(String text) {
        Matcher first = GIVER_FIRST.matcher(text);
        return first.matches() && hasRoleWord(first.group(1));
    }

    static boolean hasRoleWord(String words) {
        for (String word : words.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
            if (ROLE_WORDS.containsKey(word)) {
                return true;
            }
        }
        return false;
    }

    /** The role and name in a few words ("peer - sam", "from Li Wei, interviewer", "mock 2 (2024-02-10)"); null when none. */
    static Giver giver(String words) {
        // "Sam (Ex-Google Interviewer)", "coach (Aisha)": a name outside the parentheses wins over one
        // inside, a role inside over one outside.
        Matcher bracketed = BRACKETED.matcher(words);
        String inside = bracketed.find() ? bracketed.group(1) : "";
        String outside = words.replaceAll("\\([^)]*\\)", " ");
        // "Priya (coach), session 12 Mar": what follows the first comma is about the session, not the giver.
        String[] clauses = outside.split(",");
        Role later = null;
        if (clauses.length > 1 && !clauses[0].isBlank()) {
            outside = clauses[0];
            // "from Li Wei, interviewer": a role in a later clause still counts.
            later = parts(String.join(" ", java.util.Arrays.asList(clauses).subList(1, clauses.length))).role();
        }
        GiverParts out = parts(outside).or(new GiverParts(null, later));
        GiverParts in = parts(inside.split(",")[0]).or(parts(inside));
        String name = out.name() != null ? out.name() : in.name();
        Role role = in.role() != null ? in.role() : out.role();
        if (name == null && role == null) {
            return null;
        }
        return new Giver(NoteText.shorten(name != null ? name : role.name().toLowerCase(Locale.ROOT), 100),
                role == null ? Role.PEER : role, role == null);
    }

    /** The name and role a few words give, either possibly null. */
    private record GiverParts(String name, Role role) {
        GiverParts or(GiverParts other) {
            return new GiverParts(name != null ? name : other.name(), role != null ? role : other.role());
        }
    }

    /** The name is the first run of words that are neither roles nor filler ("From Lena On The Recording": Lena). */
    private static GiverParts parts(String words) {
        Role role = null;
        // "mock" says peer only until a word says more: a "mock interviewer" is an interviewer.
        boolean onlyMock = false;
        List<String> name = new ArrayList<>();
        boolean nameEnded = false;
        for (String word : words.split("[\\s,;:/+–—-]+")) {
            String lower = word.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}']", "");
            if (lower.isEmpty() || FILLER.contains(lower) || word.matches(".*\\d.*")) {
                nameEnded |= !name.isEmpty();
                continue;
            }
            Role named = ROLE_WORDS.get(lower);
            if (named != null) {
                if (role == null || onlyMock) {
                    role = named;
                    onlyMock = lower.equals("mock");
                }
                nameEnded |= !name.isEmpty();
            } else if (!nameEnded) {
                name.add(word.replaceAll("[^\\p{L}\\p{N}'.-]", ""));
            }
        }
        return new GiverParts(name.isEmpty() ? null : String.join(" ", name), role);
    }

    /** A parenthesis or dash tail that names a person or a role, not an aside like "(2 mins)" or "(why?)". */
    static boolean looksLikeGiver(String tail) {
        String lower = tail.toLowerCase(Locale.ROOT).strip();
        if (lower.isEmpty() || lower.matches(".*\\d.*") || lower.endsWith("?")) {
            return false;
        }
        for (String word : lower.split("[\\s,;:/–—-]+")) {
            if (ROLE_WORDS.containsKey(word.replaceAll("[^\\p{L}]", ""))) {
                return true;
            }
        }
        // A bare name: one to three capitalised or short words, as in "(raj)" or "(Li Wei)".
        return tail.strip().split("\\s+").length <= 3 && tail.strip().matches("[\\p{L}' .-]+");
    }
}
