package dev.preptrack.ui.imports;

import dev.preptrack.domain.event.FeedbackReceived;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a file of prep notes says, as {@link MarkdownNotes} reads it: the stories in it, and
 * every line it did not use with the reason. Line numbers are 1-based, as an editor shows them.
 */
public record Notes(List<Story> stories, List<Skipped> skipped) {

    public Notes {
        stories = List.copyOf(stories);
        skipped = List.copyOf(skipped);
    }

    /**
     * One story: its sections' text keyed by section id in the order written, the prompt it
     * answers, its tags, the feedback listed with it and the author's private notes (HTML comments),
     * which are kept apart and never read as feedback. {@code titled} when the title is the notes' own
     * or their file's, not the prompt or a stand-in.
     */
    public record Story(int line, String title, boolean titled, String rubric, String prompt, Map<String, String> sections,
            List<String> tags, List<Feedback> feedback, List<PrivateNote> privateNotes) {

        public Story {
            sections = Collections.unmodifiableMap(new LinkedHashMap<>(sections));
            tags = List.copyOf(tags);
            feedback = List.copyOf(feedback);
            privateNotes = List.copyOf(privateNotes);
        }
    }

    /**
     * A feedback item with who gave it, taken from the parentheses or dash after it ("(peer - sam)",
     * "— coach ben"); {@code roleGuessed} when the note named no role and {@code peer} was assumed.
     */
    public record Feedback(int line, String text, String sourceName, FeedbackReceived.Source.Role role,
            boolean roleGuessed) {
    }

    public record PrivateNote(int line, String text) {
    }

    public record Skipped(int line, String text, String reason) {
    }
}
