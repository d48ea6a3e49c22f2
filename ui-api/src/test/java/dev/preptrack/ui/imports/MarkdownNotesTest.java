package dev.preptrack.ui.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preptrack.domain.event.FeedbackReceived.Source.Role;
import dev.preptrack.rules.RulesLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The two notes of the brief's examples, read line by line as their authors meant them. */
class MarkdownNotesTest {

    private static final MarkdownNotes READER = new MarkdownNotes(RulesLoader.defaults());

    @Test
    void a_star_story_with_its_prompt_private_note_learning_list_and_six_feedback_items() throws IOException {
        Notes notes = READER.read(example("star-oncall-pages.md"), "Star oncall pages");

        Notes.Story story = notes.stories().get(0);
        assertThat(notes.stories()).hasSize(1);
        assertThat(story.title()).isEqualTo("Star oncall pages");
        assertThat(story.rubric()).isEqualTo("star");
        assertThat(story.prompt()).isEqualTo("Tell me about a time you improved something nobody asked you to improve");
        assertThat(story.sections().keySet()).containsExactly("situation", "task", "action", "result", "reflection");
        assertThat(story.sections().get("situation")).startsWith("Checkout service on-call, 3 teams sharing one rotation")
                .contains("- Our checkout service paged the on-call engineer ~40 times a week");
        assertThat(story.sections().get("reflection")).contains("data first, then the proposal");
        // The HTML comment is the author's, kept apart; the words after it on its line too.
        assertThat(story.privateNotes()).singleElement().satisfies(note -> assertThat(note.text())
                .contains("I decided on my own to rewrite all the alerts").contains("DON'T SAY"));
        assertThat(story.sections().values()).noneMatch(text -> text.contains("cowboy"));
        assertThat(story.feedback()).extracting(Notes.Feedback::text).containsExactly(
                "what is SLO burn alert? explain for non infra person",
                "40 pages out of how many alerts? numbers feel loose",
                "what did the other tech leads push back on and how did you handle it",
                "what exactly did you change in the dedup, config or code?",
                "good energy, clear result section",
                "you said \"we\" the whole action part, what did YOU do");
        assertThat(story.feedback()).extracting(Notes.Feedback::sourceName)
                .containsExactly("raj", "raj", "anna", "anna", "anna", "li wei");
        assertThat(story.feedback().get(2).role()).isEqualTo(Role.COACH);
        assertThat(story.feedback().get(2).line()).isEqualTo(32);
    }

    @Test
    void a_retro_named_by_its_rubric_line_with_the_rubrics_own_headings_and_time_notes() throws IOException {
        Notes notes = READER.read(example("retro-search-relevance.md"), null);

        Notes.Story story = notes.stories().get(0);
        assertThat(story.title()).isEqualTo("Search relevance");
        assertThat(story.rubric()).isEqualTo("project-retro");
        assertThat(story.sections().keySet()).containsExactly("context", "strategy", "okrs", "roadmap", "xf-alignment",
                "delivery-risks", "failures-learning");
        assertThat(story.sections().get("okrs")).contains("KR1: +5% click-through on page one");
        assertThat(story.feedback()).extracting(Notes.Feedback::text, Notes.Feedback::sourceName, Notes.Feedback::role)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("okrs part ran 14 mins, way over", "sam", Role.PEER),
                        org.assertj.core.groups.Tuple.tuple("why gradient boosting and not a neural ranker? tradeoff not clear",
                                "sam", Role.PEER),
                        org.assertj.core.groups.Tuple.tuple("strong reflection, honest", "interviewer", Role.INTERVIEWER));
        assertThat(notes.skipped()).isEmpty();
    }

    @Test
    void every_line_not_used_is_reported_with_its_reason() {
        Notes notes = READER.read("""
                # Migrating billing
                draft, do not share

                ## Situation
                Billing ran on a 2009 cron box.

                ## Budget spreadsheet
                | item | cost |

                ## Result
                """, null);

        assertThat(notes.stories()).singleElement().satisfies(story ->
                assertThat(story.sections()).containsOnlyKeys("situation"));
        assertThat(notes.skipped()).extracting(Notes.Skipped::line, Notes.Skipped::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2, "before the first section heading, so it belongs to no section"),
                org.assertj.core.groups.Tuple.tuple(7, "names no section of the rubric 'star', so the 1 line(s) under it are not imported"),
                org.assertj.core.groups.Tuple.tuple(10, "a section heading with nothing under it"));
    }

    private static String example(String name) throws IOException {
        return Files.readString(Path.of("src", "test", "resources", "notes-examples", name));
    }
}
