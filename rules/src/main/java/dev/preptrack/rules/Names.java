package dev.preptrack.rules;

import java.text.Normalizer;
import java.util.Locale;

/**
 * How a person's name for a rubric or section is compared with the rules' ids and aliases:
 * ignoring case, accents and punctuation, so that "Business + Product", "business+product" and
 * "BUSINESS / PRODUCT" all name the same section, and "project retro" the rubric
 * {@code project-retro}.
 */
public final class Names {

    private Names() {
    }

    /**
     * Lower case, without accents, every run of characters other than letters and digits one
     * space, and without the word "and": "+", "&" and "and" join the same two things in headings
     * ("Business + Product", "XF Planning & Alignment", "XF Planning and Alignment").
     */
    public static String key(String name) {
        String plain = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        String words = " " + plain.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ") + " ";
        return words.replace(" and ", " ").trim();
    }

    /** Whether a person's name names a thing with this id and these aliases. */
    static boolean names(String name, String id, java.util.List<String> aliases) {
        String wanted = key(name);
        return key(id).equals(wanted) || aliases.stream().anyMatch(alias -> key(alias).equals(wanted));
    }
}
