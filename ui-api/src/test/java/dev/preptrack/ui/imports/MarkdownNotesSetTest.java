package dev.preptrack.ui.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preptrack.rules.RulesLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Files of prep notes written the way people write them, each with what a correct reading must
 * find: its stories with their rubric, prompt and a phrase from each section, every feedback item
 * with its giver, and what must never be read as feedback (private comments, the giver's
 * parentheses, to-dos). Three sets, each written by someone who had not seen the reader nor the
 * other sets; the reader was mended after each where it misread (docs/imports.md has how each
 * scored before it was): {@code src/test/resources/notes*}.
 */
class MarkdownNotesSetTest {

    private static final Path NOTES = Path.of("src", "test", "resources");
    private static final List<String> SETS = List.of("notes", "notes-holdout", "notes-blind");
    /**
     * Sets never used to mend the reader, each with its floor: the share measured once, before
     * anything else changed (docs/imports.md), less a margin. {@code notes-qa-blind} holds project
     * walkthroughs (questions with prepared answers, timed pitches), written blind by a helper.
     */
    private static final Map<String, Double> UNSEEN = Map.of("notes-final", 0.75, "notes-qa-blind", 0.85);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MarkdownNotes READER = new MarkdownNotes(RulesLoader.defaults());

    static Stream<String> files() throws IOException {
        List<String> all = new ArrayList<>();
        for (String set : SETS) {
            try (Stream<Path> files = Files.list(NOTES.resolve(set))) {
                files.map(path -> set + "/" + path.getFileName()).filter(name -> name.endsWith(".md")).sorted()
                        .forEach(all::add);
            }
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("files")
    void each_file_reads_as_its_author_meant(String file) throws IOException {
        Reading reading = read(file);

        assertThat(reading.wrong()).as("%s read as %s", file, reading.notes()).isEmpty();
    }

    /**
     * The last set, written after the reader was done and never used to mend it: how the reader does
     * on notes it has not met, as the share of expected readings it gets right (docs/imports.md). It
     * guards that figure from falling; it is not a target the reader was fitted to.
     */
    @ParameterizedTest
    @MethodSource("unseenSets")
    void notes_never_used_to_mend_the_reader_read_mostly_right(String set) throws IOException {
        int checks = 0;
        int wrong = 0;
        List<String> misses = new ArrayList<>();
        try (Stream<Path> files = Files.list(NOTES.resolve(set))) {
            for (Path path : files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                Reading reading = read(set + "/" + path.getFileName());
                checks += reading.checks();
                wrong += Math.min(reading.wrong().size(), reading.checks());
                reading.wrong().forEach(miss -> misses.add(path.getFileName() + ": " + miss));
            }
        }
        double right = (checks - wrong) / (double) checks;
        System.out.printf("unseen notes (%s): %d of %d expected readings right (%.0f %%)%n", set, checks - wrong, checks,
                100 * right);
        misses.forEach(miss -> System.out.println("  " + miss));
        assertThat(right).as("misses: %s", misses).isGreaterThanOrEqualTo(UNSEEN.get(set));
    }

    static Stream<String> unseenSets() {
        return UNSEEN.keySet().stream().sorted();
    }

    /** One file's reading, what it got wrong, and how many things were checked. */
    private record Reading(Notes notes, List<String> wrong, int checks) {
    }

    private static Reading read(String file) throws IOException {
        Notes notes = READER.read(Files.readString(NOTES.resolve(file), StandardCharsets.UTF_8),
                NotesImport.titleFromFile(file));
        JsonNode expected = JSON.readTree(NOTES.resolve(file.replace(".md", ".expected.json")).toFile());
        int checks = 2 + expected.path("notFeedback").size();
        for (JsonNode story : expected.path("stories")) {
            checks += 2 + (story.hasNonNull("prompt") ? 1 : 0) + story.path("sections").size();
        }
        for (JsonNode item : expected.path("feedback")) {
            checks += 1 + (item.hasNonNull("storyTitleContains") ? 1 : 0) + (item.hasNonNull("sourceName") ? 1 : 0)
                    + (item.hasNonNull("role") ? 1 : 0);
        }

        List<String> wrong = new ArrayList<>();
        for (JsonNode story : expected.path("stories")) {
            checkStory(story, notes, wrong);
        }
        if (notes.stories().size() != expected.path("stories").size()) {
            wrong.add("read " + notes.stories().size() + " stories, expected " + expected.path("stories").size() + ": "
                    + notes.stories().stream().map(Notes.Story::title).toList());
        }
        for (JsonNode item : expected.path("feedback")) {
            checkFeedback(item, notes, wrong);
        }
        int expectedFeedback = expected.path("feedback").size();
        long readFeedback = notes.stories().stream().mapToLong(story -> story.feedback().size()).sum();
        if (readFeedback != expectedFeedback) {
            wrong.add("read " + readFeedback + " feedback items, expected " + expectedFeedback + ": "
                    + notes.stories().stream().flatMap(story -> story.feedback().stream()).map(Notes.Feedback::text).toList());
        }
        for (JsonNode never : expected.path("notFeedback")) {
            notes.stories().stream().flatMap(story -> story.feedback().stream())
                    .filter(item -> lower(item.text()).contains(lower(never.asText())))
                    .forEach(item -> wrong.add("feedback holds what it must not ('" + never.asText() + "'): " + item.text()));
        }
        return new Reading(notes, wrong, checks);
    }

    private static void checkStory(JsonNode expected, Notes notes, List<String> wrong) {
        String title = expected.path("titleContains").asText();
        var story = notes.stories().stream().filter(s -> lower(s.title()).contains(lower(title))).findFirst();
        if (story.isEmpty()) {
            wrong.add("no story titled like '" + title + "' among " + notes.stories().stream().map(Notes.Story::title).toList());
            // Its rubric, prompt and sections cannot be right either.
            for (int i = 0; i < 1 + (expected.hasNonNull("prompt") ? 1 : 0) + expected.path("sections").size(); i++) {
                wrong.add("(" + title + " not found)");
            }
            return;
        }
        Notes.Story found = story.get();
        if (!found.rubric().equals(expected.path("rubric").asText())) {
            wrong.add(title + ": rubric " + found.rubric() + ", expected " + expected.path("rubric").asText());
        }
        if (expected.hasNonNull("prompt") && (found.prompt() == null
                || !lower(found.prompt()).contains(lower(expected.path("prompt").asText())))) {
            wrong.add(title + ": prompt '" + found.prompt() + "', expected it to contain '" + expected.path("prompt").asText() + "'");
        }
        expected.path("sections").fields().forEachRemaining(section -> {
            String text = found.sections().get(section.getKey());
            if (text == null || !lower(text).contains(lower(section.getValue().asText()))) {
                wrong.add(title + ": section " + section.getKey() + " is '" + text + "', expected it to contain '"
                        + section.getValue().asText() + "'");
            }
        });
    }

    private static void checkFeedback(JsonNode expected, Notes notes, List<String> wrong) {
        String phrase = expected.path("textContains").asText();
        var matches = notes.stories().stream().flatMap(story -> story.feedback().stream()
                .filter(item -> lower(item.text()).contains(lower(phrase)))
                .map(item -> new Object[] {story, item})).toList();
        if (matches.isEmpty()) {
            wrong.add("no feedback saying '" + phrase + "'");
            for (int i = 0; i < (expected.hasNonNull("storyTitleContains") ? 1 : 0) + (expected.hasNonNull("sourceName") ? 1 : 0)
                    + (expected.hasNonNull("role") ? 1 : 0); i++) {
                wrong.add("('" + phrase + "' not found)");
            }
            return;
        }
        Notes.Story story = (Notes.Story) matches.get(0)[0];
        Notes.Feedback item = (Notes.Feedback) matches.get(0)[1];
        if (expected.hasNonNull("storyTitleContains")
                && !lower(story.title()).contains(lower(expected.path("storyTitleContains").asText()))) {
            wrong.add("'" + phrase + "' is under story '" + story.title() + "'");
        }
        if (expected.hasNonNull("sourceName") && !lower(item.sourceName()).equals(lower(expected.path("sourceName").asText()))) {
            wrong.add("'" + phrase + "' is from '" + item.sourceName() + "', expected '" + expected.path("sourceName").asText() + "'");
        }
        if (expected.hasNonNull("role") && !item.role().name().equalsIgnoreCase(expected.path("role").asText())) {
            wrong.add("'" + phrase + "' is from a " + item.role() + ", expected a " + expected.path("role").asText());
        }
    }

    private static String lower(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT);
    }

    static {
        if (!Files.isDirectory(NOTES)) {
            throw new UncheckedIOException(new IOException("no notes at " + NOTES.toAbsolutePath()));
        }
    }
}
