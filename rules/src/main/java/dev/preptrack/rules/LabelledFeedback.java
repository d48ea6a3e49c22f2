package dev.preptrack.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Feedback labelled with its themes, as shipped with preptrack under a name the rules give
 * ({@code themes.learned.examples}). A named set never changes: more or relabelled examples
 * make a new name, so a published rules version classifies as it did. Each file was written by
 * a different person ({@code writer}), which is what lets a model be measured on writers it
 * was not trained on (docs/themes-evaluation.md).
 */
public record LabelledFeedback(String text, Set<String> themes, String writer) {

    private static final List<String> FIRST = List.of(
            "preptrack-feedback-1/labelled-feedback.jsonl", "preptrack-feedback-1/labelled-feedback-b.jsonl",
            "preptrack-feedback-1/labelled-feedback-c.jsonl", "preptrack-feedback-1/labelled-feedback-d.jsonl",
            "preptrack-feedback-1/labelled-feedback-e.jsonl", "preptrack-feedback-1/labelled-feedback-f.jsonl");

    private static final List<String> SECOND = concat(FIRST, List.of(
            "preptrack-feedback-2/labelled-feedback-g.jsonl", "preptrack-feedback-2/labelled-feedback-h.jsonl",
            "preptrack-feedback-2/labelled-feedback-k.jsonl", "preptrack-feedback-2/labelled-feedback-l.jsonl",
            "preptrack-feedback-2/labelled-feedback-m.jsonl", "preptrack-feedback-2/labelled-feedback-n.jsonl"));

    /**
     * Every shipped set and its files (under {@code labelled/}); a later set takes the earlier
     * one's files as they are and adds writers. The rules schema names the same sets. The third
     * adds feedback from later sessions on revised answers (O, P): praise that names what
     * improved, which the first two barely held.
     */
    private static final Map<String, List<String>> SETS = Map.of(
            "preptrack-feedback-1", FIRST,
            "preptrack-feedback-2", SECOND,
            "preptrack-feedback-3", concat(SECOND, List.of(
                    "preptrack-feedback-3/labelled-feedback-o.jsonl", "preptrack-feedback-3/labelled-feedback-p.jsonl")));
    private static final ObjectMapper JSON = new ObjectMapper();

    public LabelledFeedback {
        themes = Set.copyOf(themes);
    }

    /** The named set, file by file. */
    public static List<LabelledFeedback> load(String set) {
        List<String> files = SETS.get(set);
        if (files == null) {
            throw new IllegalArgumentException("no labelled feedback named " + set + "; shipped: " + SETS.keySet());
        }
        List<LabelledFeedback> items = new ArrayList<>();
        for (String file : files) {
            try (InputStream in = LabelledFeedback.class.getResourceAsStream("labelled/" + file)) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isBlank()) {
                        JsonNode node = JSON.readTree(line);
                        Set<String> themes = new LinkedHashSet<>();
                        node.path("themes").forEach(theme -> themes.add(theme.asText()));
                        items.add(new LabelledFeedback(node.path("text").asText(), themes, file.substring(file.indexOf('/') + 1)));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading the labelled feedback " + file, e);
            }
        }
        return items;
    }

    private static List<String> concat(List<String> first, List<String> then) {
        List<String> all = new ArrayList<>(first);
        all.addAll(then);
        return List.copyOf(all);
    }
}
