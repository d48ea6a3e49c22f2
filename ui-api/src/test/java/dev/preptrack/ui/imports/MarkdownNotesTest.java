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

    @Test
    void a_title_that_holds_a_sections_word_stays_a_title_and_a_labelled_line_in_prose_stays_prose() {
        Notes notes = READER.read("""
                # Vision for payments
                ## Situation
                Checkout failed for 3% of cards.
                Impact: 3 hours of lost sales every week.
                ## Result
                Failures fell to 0.4%.
                """, null);

        assertThat(notes.stories()).singleElement().satisfies(story -> {
            assertThat(story.title()).isEqualTo("Vision for payments");
            assertThat(story.sections()).containsOnlyKeys("situation", "result");
            assertThat(story.sections().get("situation")).contains("Impact: 3 hours of lost sales every week.");
        });
    }

    @Test
    void a_quarter_is_not_a_question_but_a_walkthroughs_question_is_its_own_story() {
        Notes retro = READER.read("""
                # Checkout rebuild
                ## Context
                Q3: shipped the one-page flow to two markets.
                ## Q4 – Roadmap
                Brazil and Mexico next.
                """, null);
        Notes walkthrough = READER.read("""
                # Fraud scoring
                ## Elevator pitch
                ### 30 Second Version
                Scores every payment in 140 ms.
                ### Q1: Why Kafka Streams?
                We already ran Kafka.
                Follow-ups: what about exactly-once?
                """, null);

        assertThat(retro.stories()).singleElement().satisfies(story ->
                assertThat(story.sections().get("context")).contains("Q3: shipped the one-page flow"));
        assertThat(walkthrough.stories()).extracting(Notes.Story::title, Notes.Story::rubric).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Fraud scoring — Elevator pitch", "pitch"),
                org.assertj.core.groups.Tuple.tuple("Why Kafka Streams?", "qa"));
        assertThat(walkthrough.stories().get(0).sections()).containsEntry("thirty-second", "Scores every payment in 140 ms.");
        assertThat(walkthrough.stories().get(1).prompt()).isEqualTo("Why Kafka Streams?");
        assertThat(walkthrough.stories().get(1).sections()).containsEntry("answer", "We already ran Kafka.")
                .containsEntry("follow-ups", "what about exactly-once?");
    }

    @Test
    void code_is_text_and_a_giver_named_for_one_list_is_not_the_next_ones() {
        Notes notes = READER.read("""
                # Cache rollout
                ## Action
                ```
                ## Result
                cache.put(key, value)
                ```
                Feedback from coach Maya:
                - say why not a CDN
                ## Result
                Hit rate 92%.
                | Who | What |
                |---|---|
                | Sam (peer) | the numbers land |
                feedback:
                - too fast at the end
                """, null);

        Notes.Story story = notes.stories().get(0);
        assertThat(story.sections().get("action")).contains("## Result").contains("cache.put(key, value)");
        assertThat(story.feedback()).extracting(Notes.Feedback::text, Notes.Feedback::sourceName).containsExactly(
                org.assertj.core.groups.Tuple.tuple("say why not a CDN", "Maya"),
                org.assertj.core.groups.Tuple.tuple("the numbers land", "Sam"),
                org.assertj.core.groups.Tuple.tuple("too fast at the end", "unknown"));
    }

    @Test
    @org.junit.jupiter.api.Timeout(10)
    void lines_built_to_make_a_pattern_backtrack_read_in_linear_time() {
        String spaces = " ".repeat(20_000);
        String markdown = "# Story\n## Situation\n" + "1".repeat(20_000) + " mins\n" + "=".repeat(1500) + "x\n"
                + "a" + spaces + "b\n" + "feedback:\n- words" + spaces + "\n" + "x(".repeat(5000) + "\n";

        Notes notes = READER.read(markdown.repeat(20), null);

        assertThat(notes.stories()).isNotEmpty();
    }

    private static String example(String name) throws IOException {
        return Files.readString(Path.of("src", "test", "resources", "notes-examples", name));
    }
}
