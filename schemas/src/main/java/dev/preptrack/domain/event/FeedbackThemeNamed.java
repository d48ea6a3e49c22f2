package dev.preptrack.domain.event;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Someone named a group of feedback items as a theme of the candidate's own ({@code title},
 * id {@code theme}): the items carry it from then on, as if corrected to it, and teach it to
 * later items. Naming the same theme again adds items to it. {@code note} is null when none.
 */
public record FeedbackThemeNamed(String theme, String title, List<String> feedbackIds, String note) implements Payload {

    public FeedbackThemeNamed {
        Objects.requireNonNull(theme, "theme");
        Objects.requireNonNull(title, "title");
        feedbackIds = List.copyOf(feedbackIds);
    }

    /**
     * The id a title names: lower case, every run of characters other than letters and digits one
     * '-' ("Requirements gathering" and "requirements-Gathering!" are one theme). Empty when the
     * title holds no letter or digit.
     */
    public static String idOf(String title) {
        String id = title.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-");
        return id.replaceAll("^-+|-+$", "");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.themeNamed(this);
    }
}
