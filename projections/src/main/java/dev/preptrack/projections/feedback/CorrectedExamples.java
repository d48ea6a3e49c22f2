package dev.preptrack.projections.feedback;

import dev.preptrack.projections.FeedbackItemView;
import dev.preptrack.projections.themes.EmergingClusters;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A candidate's corrected feedback items as labelled examples: the nearest one to a new text,
 * by the Jaccard similarity of their content words (the same words emerging clusters compare).
 * Jaccard rather than the clusters' overlap coefficient: an example overrides the classifier,
 * so a short remark that happens to share two words with a long one must not take its themes.
 */
final class CorrectedExamples {

    private CorrectedExamples() {
    }

    /**
     * The corrected item most like {@code text}, if any is at least {@code similarity} alike; of
     * equally alike ones, the latest corrected (then the greatest id), so the answer does not
     * depend on the order a map iterates in.
     */
    static Optional<FeedbackItemView> nearest(Collection<FeedbackItemView> items, String text, double similarity) {
        Set<String> words = EmergingClusters.contentWords(text);
        FeedbackItemView best = null;
        double bestScore = 0;
        for (FeedbackItemView item : items) {
            if (item.getCorrection() == null) {
                continue;
            }
            double score = EmergingClusters.jaccard(words, EmergingClusters.contentWords(item.getText()));
            if (score < similarity || score == 0) {
                continue;
            }
            if (best == null || score > bestScore || score == bestScore && later(item, best)) {
                best = item;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The content words two texts share, in the order of the first. */
    static List<String> sharedWords(String first, String second) {
        Set<String> other = EmergingClusters.contentWords(second);
        return EmergingClusters.contentWords(first).stream().filter(other::contains).toList();
    }

    private static boolean later(FeedbackItemView item, FeedbackItemView than) {
        int byTime = item.getCorrection().getOccurredAt().compareTo(than.getCorrection().getOccurredAt());
        return byTime != 0 ? byTime > 0 : item.getFeedbackId().compareTo(than.getFeedbackId()) > 0;
    }
}
