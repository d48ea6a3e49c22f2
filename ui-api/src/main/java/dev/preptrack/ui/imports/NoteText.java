package dev.preptrack.ui.imports;

import java.util.regex.Pattern;

/** Small text helpers the readers of notes share. */
final class NoteText {

    private static final Pattern LEADING_NUMBER = Pattern.compile("^(?:\\d{1,2}[.)]|[a-zA-Z][.)](?=\\s))\\s*");

    private NoteText() {
    }

    /** Numbering, bullets and symbols (an emoji, say) before a line's first word. */
    static String stripLeading(String text) {
        String rest = text.strip().replaceFirst("^[^\\p{L}\\p{N}\"“'(]+", "");
        return LEADING_NUMBER.matcher(rest).replaceFirst("").strip();
    }

    static String titleOf(String text) {
        return shorten(text.replaceFirst("^[^\\p{L}\\p{N}\"“']+", "").strip(), 200);
    }

    /** The text inside quotes that enclose all of it; a quote that ends a sentence stays. */
    static String unquote(String text) {
        String stripped = text.strip();
        if (stripped.length() >= 2 && "\"“'‘".indexOf(stripped.charAt(0)) >= 0
                && "\"”'’".indexOf(stripped.charAt(stripped.length() - 1)) >= 0) {
            return stripped.substring(1, stripped.length() - 1).strip();
        }
        return stripped;
    }

    static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1).strip() + "…";
    }

    /** The text without whitespace and these marks at either end; a loop, as a trailing {@code [*_\\s]+$} is quadratic. */
    static String trim(String text, String marks) {
        int start = 0;
        int end = text.length();
        while (start < end && (Character.isWhitespace(text.charAt(start)) || marks.indexOf(text.charAt(start)) >= 0)) {
            start++;
        }
        while (end > start && (Character.isWhitespace(text.charAt(end - 1)) || marks.indexOf(text.charAt(end - 1)) >= 0)) {
            end--;
        }
        return text.substring(start, end);
    }
}
