package dev.preptrack.projections.themes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A feedback text as a sparse vector: TF-IDF over character n-grams of 2–5 within words
 * (" numbers? " gives " n", "nu", …, "rs? ") and over words and word pairs, each block
 * normalised to unit length. Character n-grams carry shorthand, typos and word forms
 * ("quantif", "baselin"); word pairs carry what is asked ("what did", "who decided").
 *
 * <p>Written here rather than taken from a library: it is the same few lines as scikit-learn's
 * {@code TfidfVectorizer(analyzer="char_wb")} and {@code (ngram_range=(1,2))} with
 * {@code sublinear_tf} and smoothed IDF (which the model was first measured with), and Lucene's
 * analyzers would bring a tokenising pipeline for what is a split on whitespace.
 * The vocabulary is the terms seen in at least two training texts, in sorted order, so the
 * same examples always give the same indices.
 */
final class TextFeatures {

    private static final Pattern WORD = Pattern.compile("\\b\\w\\w+\\b", Pattern.UNICODE_CHARACTER_CLASS);
    private static final int MIN_DOCUMENTS = 2;

    private final Map<String, Integer> index;
    private final double[] idf;
    private final int charTerms;

    private TextFeatures(Map<String, Integer> index, double[] idf, int charTerms) {
        this.index = index;
        this.idf = idf;
        this.charTerms = charTerms;
    }

    /** The vocabulary and IDF of these training texts. */
    static TextFeatures fit(List<String> texts) {
        Map<String, Integer> charDocs = new HashMap<>(), wordDocs = new HashMap<>();
        for (String text : texts) {
            String lower = normalize(text);
            new HashSet<>(charGrams(lower)).forEach(term -> charDocs.merge(term, 1, Integer::sum));
            new HashSet<>(wordGrams(lower)).forEach(term -> wordDocs.merge(term, 1, Integer::sum));
        }
        Set<String> chars = kept(charDocs), words = kept(wordDocs);
        Map<String, Integer> index = new HashMap<>();
        double[] idf = new double[chars.size() + words.size()];
        int next = 0;
        for (String term : chars) {
            idf[next] = idf(texts.size(), charDocs.get(term));
            index.put("c" + term, next++);
        }
        for (String term : words) {
            idf[next] = idf(texts.size(), wordDocs.get(term));
            index.put("w" + term, next++);
        }
        return new TextFeatures(index, idf, chars.size());
    }

    /** The vocabulary and IDF, exactly ({@link #read} gives them back). */
    void write(java.io.DataOutputStream out) throws java.io.IOException {
        String[] terms = new String[idf.length];
        index.forEach((term, at) -> terms[at] = term);
        out.writeInt(terms.length);
        out.writeInt(charTerms);
        for (int i = 0; i < terms.length; i++) {
            out.writeUTF(terms[i]);
            out.writeDouble(idf[i]);
        }
    }

    static TextFeatures read(java.io.DataInputStream in) throws java.io.IOException {
        int size = in.readInt(), charTerms = in.readInt();
        if (size < 0 || charTerms < 0 || charTerms > size) {
            throw new java.io.IOException("a vocabulary of " + size + " terms, " + charTerms + " of them n-grams");
        }
        Map<String, Integer> index = new HashMap<>(size * 2);
        double[] idf = new double[size];
        for (int i = 0; i < size; i++) {
            index.put(in.readUTF(), i);
            idf[i] = in.readDouble();
        }
        return new TextFeatures(index, idf, charTerms);
    }

    /** How many features a vector has. */
    int size() {
        return idf.length;
    }

    /** The text's features: indices ascending (0-based), values TF-IDF, each block of unit length. */
    Sparse vector(String text) {
        String lower = normalize(text);
        Map<Integer, Integer> counts = new HashMap<>();
        for (String term : charGrams(lower)) {
            count(counts, "c" + term);
        }
        for (String term : wordGrams(lower)) {
            count(counts, "w" + term);
        }
        int[] indices = counts.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        double[] values = new double[indices.length];
        double charNorm = 0, wordNorm = 0;
        for (int i = 0; i < indices.length; i++) {
            double value = (1 + Math.log(counts.get(indices[i]))) * idf[indices[i]];
            values[i] = value;
            if (indices[i] < charTerms) {
                charNorm += value * value;
            } else {
                wordNorm += value * value;
            }
        }
        charNorm = Math.sqrt(charNorm);
        wordNorm = Math.sqrt(wordNorm);
        for (int i = 0; i < indices.length; i++) {
            values[i] /= indices[i] < charTerms ? charNorm : wordNorm; // a norm of 0 has no values to divide
        }
        return new Sparse(indices, values);
    }

    private void count(Map<Integer, Integer> counts, String term) {
        Integer at = index.get(term);
        if (at != null) {
            counts.merge(at, 1, Integer::sum);
        }
    }

    /** A sparse vector: parallel arrays, indices ascending. */
    record Sparse(int[] indices, double[] values) {
    }

    private static Set<String> kept(Map<String, Integer> documents) {
        Set<String> kept = new TreeSet<>();
        documents.forEach((term, count) -> {
            if (count >= MIN_DOCUMENTS) {
                kept.add(term);
            }
        });
        return kept;
    }

    private static double idf(int documents, int withTerm) {
        return Math.log((1.0 + documents) / (1.0 + withTerm)) + 1;
    }

    private static String normalize(String text) {
        return text.replace('’', '\'').replace('‘', '\'').replace('“', '"').replace('”', '"').toLowerCase(Locale.ROOT);
    }

    /** Character n-grams of 2 to 5 inside each whitespace-separated word padded with a space each side. */
    static List<String> charGrams(String lower) {
        List<String> grams = new ArrayList<>();
        for (String word : lower.split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            String padded = " " + word + " ";
            for (int n = 2; n <= 5; n++) {
                if (padded.length() <= n) {
                    grams.add(padded); // a short word counts once, however many lengths it would fill
                    break;
                }
                for (int start = 0; start + n <= padded.length(); start++) {
                    grams.add(padded.substring(start, start + n));
                }
            }
        }
        return grams;
    }

    /** Words of two or more word characters, and each pair of neighbours. */
    static List<String> wordGrams(String lower) {
        List<String> words = new ArrayList<>();
        Matcher matcher = WORD.matcher(lower);
        while (matcher.find()) {
            words.add(matcher.group());
        }
        List<String> grams = new ArrayList<>(words);
        for (int i = 0; i + 1 < words.size(); i++) {
            grams.add(words.get(i) + ' ' + words.get(i + 1));
        }
        return grams;
    }
}
