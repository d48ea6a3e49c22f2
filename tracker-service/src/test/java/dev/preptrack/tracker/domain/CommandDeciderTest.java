package dev.preptrack.tracker.domain;

import static dev.preptrack.tracker.Commands.aCoachsFeedback;
import static dev.preptrack.tracker.Commands.aStarStory;
import static dev.preptrack.tracker.Commands.aStory;
import static dev.preptrack.tracker.Commands.addressing;
import static dev.preptrack.tracker.Commands.anAttempt;
import static dev.preptrack.tracker.Commands.anAttemptOn;
import static dev.preptrack.tracker.Commands.anEditOf;
import static dev.preptrack.tracker.Commands.command;
import static dev.preptrack.tracker.Commands.occurredAt;
import static dev.preptrack.tracker.Commands.retiring;
import static org.assertj.core.api.Assertions.assertThat;

import dev.preptrack.domain.event.Event;
import dev.preptrack.domain.event.FeedbackThemeNamed;
import dev.preptrack.domain.event.FeedbackThemesCorrected;
import dev.preptrack.domain.event.PracticeAttemptLogged;
import dev.preptrack.domain.event.PracticeAttemptLogged.SectionPractice;
import dev.preptrack.domain.event.StoryCreated;
import dev.preptrack.domain.event.StoryEdited;
import dev.preptrack.rules.RulesLoader;
import dev.preptrack.tracker.Commands;
import dev.preptrack.tracker.domain.Rejection.Kind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The single writer's decisions, as given(history).when(command).then…(outcome). */
class CommandDeciderTest {

    private final CommandDecider decider = new CommandDecider(RulesLoader.defaults());
    private final InMemoryCandidate candidate = new InMemoryCandidate();

    @Test
    void a_new_story_becomes_the_first_event_at_version_one() {
        Decision decision = when(command(aStarStory("s1")));

        Event event = theEventOf(decision);
        assertThat(event.sequence()).isEqualTo(1L);
        assertThat(event.payload()).isInstanceOf(StoryCreated.class);
        assertThat(event.recordedAt()).isEqualTo(Commands.NOW);
        assertThat(accepted(decision).position()).isEqualTo(1L);
        assertThat(accepted(decision).storyVersion()).isEqualTo(1);
    }

    @Test
    void an_edit_of_the_current_version_makes_the_next_version() {
        given(command(aStarStory("s1")));

        Decision decision = when(command(anEditOf("s1", 1)));

        assertThat(((StoryEdited) theEventOf(decision).payload()).newVersion()).isEqualTo(2);
        assertThat(accepted(decision).storyVersion()).isEqualTo(2);
        assertThat(accepted(decision).position()).isEqualTo(2L);
    }

    @Test
    void rejects_an_edit_of_a_stale_story_version_naming_the_current_one() {
        given(command(aStarStory("s1")), command(anEditOf("s1", 1)));

        Decision decision = when(command(anEditOf("s1", 1)));

        thenRejects(decision, Kind.STALE_VERSION, "expectedVersion");
        assertThat(rejection(decision).currentVersion()).isEqualTo(2);
        assertThat(candidate.model().sequence()).isEqualTo(2L);
    }

    @Test
    void rejects_an_edit_or_an_attempt_on_a_retired_story() {
        given(command(aStarStory("s1")), command(retiring("s1")));

        thenRejects(when(command(anEditOf("s1", 1))), Kind.RETIRED, "storyId");
        thenRejects(when(command(anAttemptOn("s1", null))), Kind.RETIRED, "storyId");
        thenRejects(when(command(retiring("s1"))), Kind.RETIRED, "storyId");
    }

    @Test
    void rejects_an_edit_of_a_story_that_does_not_exist() {
        thenRejects(when(command(anEditOf("nope", 1))), Kind.NOT_FOUND, "storyId");
    }

    @Test
    void rejects_a_section_that_is_not_in_the_rubric() {
        thenRejects(when(command(aStory("s1", "star", Map.of("okrs", "KR1...")))), Kind.INVALID_REFERENCE,
                "sections.okrs");
    }

    @Test
    void rubrics_and_sections_may_be_named_by_their_aliases_and_events_carry_the_ids() {
        var story = aStory("s1", "STAR", Map.of("S", "Checkout paged 40 times a week", "Actions", "Grouped the pages"));
        StoryCreated created = (StoryCreated) theEventOf(when(command(story))).payload();
        assertThat(created.rubric()).isEqualTo("star");
        assertThat(created.sections()).containsOnlyKeys("situation", "action");

        var attempt = anAttempt("a1", "s1", null, "behavioral",
                List.of(new SectionPractice("result", 40, 4), new SectionPractice("Learnings", 20, null)));
        var logged = (PracticeAttemptLogged) theEventOf(when(command(attempt))).payload();
        assertThat(logged.rubric()).isEqualTo("star");
        assertThat(logged.sections()).extracting(SectionPractice::section).containsExactly("result", "reflection");
    }

    @Test
    void nothing_may_be_dated_before_what_it_is_about() {
        given(command(aStarStory("s1")));
        thenRejects(when(occurredAt(command(anAttemptOn("s1", null)), Commands.NOW.minusSeconds(86_400))),
                Kind.INVALID_REFERENCE, "occurredAt");

        given(command(anAttempt("a1", "s1", null, "star", List.of(new SectionPractice("situation", 50, 4)))));
        var onIt = aCoachsFeedback("f1", "a1", "s1", "action");
        thenRejects(when(occurredAt(command(onIt), Commands.NOW.minusSeconds(7_200))), Kind.INVALID_REFERENCE,
                "occurredAt");
        assertThat(when(command(onIt))).isInstanceOf(Decision.Accepted.class);
    }

    @Test
    void a_section_name_the_rubric_lacks_is_named_by_where_it_is_in_the_command() {
        given(command(aStarStory("s1")));
        var attempt = anAttempt("a1", "s1", null, "star",
                List.of(new SectionPractice("situation", 40, 4), new SectionPractice("actoin", 90, 3)));
        thenRejects(when(command(attempt)), Kind.INVALID_REFERENCE, "sections[1].section");

        thenRejects(when(command(aCoachsFeedback("f1", null, null, "actoin"))), Kind.INVALID_REFERENCE, "section");
    }

    @Test
    void rejects_an_unknown_rubric() {
        thenRejects(when(command(aStory("s1", "haiku", Map.of()))), Kind.INVALID_REFERENCE, "rubric");
    }

    @Test
    void an_attempt_without_a_version_practices_the_latest_and_a_missing_version_is_refused() {
        given(command(aStarStory("s1")), command(anEditOf("s1", 1)));

        var logged = (PracticeAttemptLogged) theEventOf(when(command(anAttemptOn("s1", null)))).payload();
        assertThat(logged.storyVersion()).isEqualTo(2);

        thenRejects(when(command(anAttemptOn("s1", 3))), Kind.INVALID_REFERENCE, "storyVersion");
    }

    @Test
    void an_edit_may_only_address_feedback_that_exists() {
        given(command(aStarStory("s1")), command(aCoachsFeedback("fb-1")));

        thenRejects(when(command(anEditOf("s1", 1, List.of("fb-9")))), Kind.INVALID_REFERENCE, "addressesFeedback");
        assertThat(when(command(anEditOf("s1", 1, List.of("fb-1"))))).isInstanceOf(Decision.Accepted.class);
    }

    @Test
    void triage_needs_an_existing_feedback_item() {
        thenRejects(when(command(addressing("fb-1"))), Kind.NOT_FOUND, "feedbackId");
        given(command(aCoachsFeedback("fb-1")));
        assertThat(when(command(addressing("fb-1")))).isInstanceOf(Decision.Accepted.class);
    }

    @Test
    void a_correction_names_an_existing_item_and_only_themes_of_the_rules_each_once() {
        var correct = new CandidateCommand.CorrectThemes("fb-1", List.of("stakeholders"), "who disagreed?");
        thenRejects(when(command(correct)), Kind.NOT_FOUND, "feedbackId");
        given(command(aCoachsFeedback("fb-1")));

        thenRejects(when(command(new CandidateCommand.CorrectThemes("fb-1", List.of("ownership", "politics"), null))),
                Kind.INVALID_REFERENCE, "themes[1]");
        thenRejects(when(command(new CandidateCommand.CorrectThemes("fb-1", List.of("ownership", "ownership"), null))),
                Kind.INVALID_REFERENCE, "themes[1]");
        Event event = theEventOf(when(command(correct)));
        assertThat(event.payload()).isEqualTo(new FeedbackThemesCorrected("fb-1", List.of("stakeholders"),
                "who disagreed?"));
        assertThat(theEventOf(when(command(new CandidateCommand.CorrectThemes("fb-1", List.of(), null)))).payload())
                .as("no theme fits").isEqualTo(new FeedbackThemesCorrected("fb-1", List.of(), null));
    }

    @Test
    void a_named_theme_groups_existing_items_each_once_under_an_id_the_rules_do_not_use() {
        var name = new CandidateCommand.NameTheme("Requirements gathering", List.of("fb-1", "fb-2"), "what they needed");
        given(command(aCoachsFeedback("fb-1")));
        thenRejects(when(command(name)), Kind.NOT_FOUND, "feedbackIds[1]");
        given(command(aCoachsFeedback("fb-2")));

        thenRejects(when(command(new CandidateCommand.NameTheme("fb", List.of("fb-1", "fb-1"), null))),
                Kind.INVALID_REFERENCE, "feedbackIds[1]");
        thenRejects(when(command(new CandidateCommand.NameTheme("  Stakeholders! ", List.of("fb-1"), null))),
                Kind.INVALID_REFERENCE, "title");
        thenRejects(when(command(new CandidateCommand.NameTheme("?!", List.of("fb-1"), null))), Kind.INVALID_REFERENCE,
                "title");
        Decision named = when(command(name));
        assertThat(theEventOf(named).payload()).isEqualTo(new FeedbackThemeNamed("requirements-gathering",
                "Requirements gathering", List.of("fb-1", "fb-2"), "what they needed"));
        assertThat(((Decision.Accepted) named).result().entityId()).isEqualTo("requirements-gathering");
    }

    @Test
    void a_retried_command_returns_its_first_result_and_appends_nothing() {
        Command create = command("k-1", aStarStory("s1"));
        Decision first = when(create);

        Decision retry = when(create);

        assertThat(retry).isInstanceOf(Decision.Replayed.class);
        assertThat(accepted(retry).eventIds()).isEqualTo(accepted(first).eventIds());
        assertThat(accepted(retry).replayed()).isTrue();
        assertThat(candidate.model().sequence()).isEqualTo(1L);
    }

    @Test
    void the_same_key_with_a_different_request_is_refused_and_the_first_result_kept() {
        when(command("k-1", aStarStory("s1")));

        Decision other = when(command("k-1", aStarStory("s2")));

        thenRejects(other, Kind.IDEMPOTENCY_KEY_REUSED, "commandId");
        assertThat(candidate.model().stories()).containsOnlyKeys("s1");
        assertThat(when(command("k-1", aStarStory("s1")))).isInstanceOf(Decision.Replayed.class);
    }

    @Test
    void feedback_may_name_only_an_attempt_that_was_logged() {
        var attempt = anAttemptOn(null, null);
        given(command(attempt));

        assertThat(when(command(aCoachsFeedback("fb-1", attempt.attemptId(), null, "action"))))
                .isInstanceOf(Decision.Accepted.class);
        thenRejects(when(command(aCoachsFeedback("fb-2", "attempt-x", null, "action"))), Kind.INVALID_REFERENCE,
                "attemptId");
        thenRejects(when(command(aCoachsFeedback("fb-1"))), Kind.ALREADY_EXISTS, "feedbackId");
    }

    @Test
    void a_rejection_is_remembered_so_its_retry_is_refused_the_same_way() {
        Command stale = command("k-2", anEditOf("s1", 1));
        Decision first = when(stale);

        Decision retry = when(stale);

        assertThat(retry).isInstanceOf(Decision.Replayed.class);
        assertThat(rejection(retry)).isEqualTo(rejection(first));
    }

    @Test
    void event_ids_derive_from_the_command_so_deciding_the_commands_again_gives_the_same_events() {
        Command create = command("k-3", aStarStory("s1"));
        var otherDecider = new CommandDecider(RulesLoader.defaults());

        Decision here = decider.decide(new InMemoryCandidate(), create);
        Decision there = otherDecider.decide(new InMemoryCandidate(), create);

        assertThat(((Decision.Accepted) here).events()).isEqualTo(((Decision.Accepted) there).events());
    }

    private void given(Command... commands) {
        for (Command command : commands) {
            assertThat(when(command)).as("given %s", command.intent()).isInstanceOf(Decision.Accepted.class);
        }
    }

    private Decision when(Command command) {
        Decision decision = decider.decide(candidate, command);
        candidate.keep(command.commandId(), decision);
        return decision;
    }

    private static Event theEventOf(Decision decision) {
        assertThat(decision).isInstanceOf(Decision.Accepted.class);
        List<Event> events = ((Decision.Accepted) decision).events();
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    private static CommandResult.Accepted accepted(Decision decision) {
        assertThat(decision.result()).isInstanceOf(CommandResult.Accepted.class);
        return (CommandResult.Accepted) decision.result();
    }

    private static Rejection rejection(Decision decision) {
        assertThat(decision.result()).isInstanceOf(CommandResult.Rejected.class);
        return ((CommandResult.Rejected) decision.result()).rejection();
    }

    private static void thenRejects(Decision decision, Kind kind, String field) {
        assertThat(rejection(decision).kind()).isEqualTo(kind);
        assertThat(rejection(decision).field()).isEqualTo(field);
        assertThat(decision).isNotInstanceOf(Decision.Accepted.class);
    }
}
