package dev.preptrack.projections.themes;

import dev.preptrack.projections.FeedbackItemView;
import dev.preptrack.rules.ThemeRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Groups feedback that fits no theme by the words it shares: two items belong together when
 * the content words they share make up at least {@code similarity} of the shorter one's
 * (overlap coefficient; feedback is short, so Jaccard would rarely link two items). Groups are
 * the connected components of that relation, so the result does not depend on item order. A
 * group's suggested label is the words most of its items share. Only the latest
 * {@value #RECENT} unmatched items (by when they were given) are grouped.
 */
public final class EmergingClusters {

    private static final Set<String> STOP_WORDS = Set.of("a", "about", "after", "again", "all", "also", "am", "an",
            "and", "any", "are", "as", "at", "be", "because", "been", "before", "being", "bit", "but", "by", "can",
            "could", "did", "do", "does", "doing", "don't", "during", "each", "even", "few", "first", "for", "from",
            "get", "got", "had", "has", "have", "he", "her", "here", "his", "how", "i", "i'd", "i'm", "if", "in", "into",
            "is", "it", "it's", "its", "just", "kept", "last", "like", "little", "lot", "maybe", "me", "might", "more",
            "most", "much", "my", "next", "no", "not", "now", "of", "off", "on", "once", "one", "only", "or", "other",
            "our", "out", "over", "own", "please", "quite", "really", "same", "she", "should", "so", "some", "still",
            "such", "than", "that", "that's", "the", "their", "them", "then", "there", "these", "they", "this", "those",
            "through", "time", "to", "too", "up", "us", "very", "was", "wasn't", "way", "we", "were", "what", "when",
            "where", "which", "while", "who", "why", "will", "with", "would", "you", "you're", "your", "yours");

    private EmergingClusters() {
    }

    /** The most recent unmatched items considered: pairing is quadratic, and old remarks rarely make a new theme. */
    static final int RECENT = 200;

    static List<ThemesReport.EmergingCluster> of(List<FeedbackItemView> all, ThemeRules.Emerging rules) {
        List<FeedbackItemView> items = all.size() <= RECENT ? all : all.subList(all.size() - RECENT, all.size());
        List<Set<String>> words = items.stream().map(item -> contentWords(item.getText())).toList();
        int[] parent = new int[items.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < items.size(); i++) {
            for (int j = i + 1; j < items.size(); j++) {
                if (overlap(words.get(i), words.get(j)) >= rules.similarity()) {
                    parent[root(parent, i)] = root(parent, j);
                }
            }
        }
        Map<Integer, List<Integer>> groups = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            groups.computeIfAbsent(root(parent, i), k -> new ArrayList<>()).add(i);
        }
        List<ThemesReport.EmergingCluster> clusters = new ArrayList<>();
        for (List<Integer> members : groups.values()) {
            if (members.size() < rules.minItems()) {
                continue;
            }
            List<FeedbackItemView> group = members.stream().map(items::get).toList();
            List<String> ids = new ArrayList<>(group.stream().map(FeedbackItemView::getFeedbackId).toList());
            java.util.Collections.reverse(ids);
            clusters.add(new ThemesReport.EmergingCluster(label(members.stream().map(words::get).toList()),
                    group.size(), ThemesReport.latest(group), List.copyOf(ids)));
        }
        clusters.sort(Comparator.comparingInt(ThemesReport.EmergingCluster::count).reversed()
                .thenComparing(ThemesReport.EmergingCluster::label));
        return List.copyOf(clusters);
    }

    private static final java.util.regex.Pattern NOT_A_WORD = java.util.regex.Pattern.compile("[^\\p{L}\\p{N}']+");
    /**
     * Every themes answer and snapshot takes the content words of every item and every rules example
     * again (suggestions, clusters, corrections); a text's words never change, so they are kept,
     * for the texts seen most recently.
     */
    private static final com.github.benmanes.caffeine.cache.Cache<String, Set<String>> WORDS =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(20_000).build();

    /** The words of {@code text} that carry meaning, lower-cased and lightly de-pluralised; shared with {@code CorrectedExamples}. */
    public static Set<String> contentWords(String text) {
        return WORDS.get(text, EmergingClusters::wordsOf);
    }

    private static Set<String> wordsOf(String text) {
        Set<String> words = new LinkedHashSet<>();
        for (String word : NOT_A_WORD.split(text.toLowerCase(Locale.ROOT).replace('’', '\''))) {
            word = trimQuotes(word);
            if (word.length() < 3 || STOP_WORDS.contains(word)) {
                continue;
            }
            // A light plural fold, so "mic" and "mics" meet; anything heavier would need a stemmer.
            words.add(word.length() > 3 && word.endsWith("s") && !word.endsWith("ss") ? word.substring(0, word.length() - 1)
                    : word);
        }
        return java.util.Collections.unmodifiableSet(words);
    }

    private static String trimQuotes(String word) {
        int from = 0;
        int to = word.length();
        while (from < to && word.charAt(from) == '\'') {
            from++;
        }
        while (to > from && word.charAt(to - 1) == '\'') {
            to--;
        }
        return word.substring(from, to);
    }

    private static double overlap(Set<String> a, Set<String> b) {
        return a.isEmpty() || b.isEmpty() ? 0 : shared(a, b) / (double) Math.min(a.size(), b.size());
    }

    /** The share of all their words two sets of content words have in common (Jaccard, 0–1). */
    public static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        int shared = shared(a, b);
        return shared / (double) (a.size() + b.size() - shared);
    }

    /** How many words two sets of content words have in common. */
    private static int shared(Set<String> a, Set<String> b) {
        int shared = 0;
        for (String word : a) {
            if (b.contains(word)) {
                shared++;
            }
        }
        return shared;
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** Up to three words the most items share (ties alphabetical). */
    private static String label(List<Set<String>> members) {
        Map<String, Integer> counts = new HashMap<>();
        members.forEach(words -> words.forEach(word -> counts.merge(word, 1, Integer::sum)));
        List<String> top = counts.entrySet().stream().filter(e -> e.getValue() >= 2)
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(3).map(Map.Entry::getKey).toList();
        return top.isEmpty() ? "other" : String.join(" / ", top);
    }
}
