package dev.preptrack.tracker.domain;

import static dev.preptrack.tracker.Commands.aCoachsFeedback;
import static dev.preptrack.tracker.Commands.aStarStory;
import static dev.preptrack.tracker.Commands.addressing;
import static dev.preptrack.tracker.Commands.anAttemptOn;
import static dev.preptrack.tracker.Commands.anEditOf;
import static dev.preptrack.tracker.Commands.command;
import static dev.preptrack.tracker.Commands.retiring;
import static org.assertj.core.api.Assertions.assertThat;

import dev.preptrack.commands.Command;
import dev.preptrack.commands.CommandOutcome;
import dev.preptrack.commands.RejectionKind;
import dev.preptrack.events.Envelope;
import dev.preptrack.events.FeedbackReceived;
import dev.preptrack.events.PracticeAttemptLogged;
import dev.preptrack.events.StoryCreated;
import dev.preptrack.events.StoryEdited;
import dev.preptrack.rules.RulesLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandDeciderTest {

    private final CommandDecider decider = new CommandDecider(RulesLoader.defaults());
    private final InMemoryCandidate candidate = new InMemoryCandidate();

    @Test
    void a_new_story_becomes_the_first_event_at_version_one() {
        Decision decision = when(command(aStarStory("s1")));

        assertThat(decision).isInstanceOf(Decision.Accepted.class);
        Envelope event = ((Decision.Accepted) decision).events().get(0);
        assertThat(event.getSequence()).isEqualTo(1L);
        assertThat(event.getPayload()).isInstanceOf(StoryCreated.class);
        assertThat(event.getRecordedAt()).isEqualTo(dev.preptrack.tracker.Commands.NOW);
        assertThat(decision.result().getPosition()).isEqualTo(1L);
        assertThat(decision.result().getStoryVersion()).isEqualTo(1);
    }

    @Test
    void an_edit_of_the_current_version_makes_the_next_version() {
        given(command(aStarStory("s1")));

        Decision decision = when(command(anEditOf("s1", 1)));

        StoryEdited edited = (StoryEdited) ((Decision.Accepted) decision).events().get(0).getPayload();
        assertThat(edited.getNewVersion()).isEqualTo(2);
        assertThat(decision.result().getStoryVersion()).isEqualTo(2);
        assertThat(decision.result().getPosition()).isEqualTo(2L);
    }

    @Test
    void rejects_an_edit_of_a_stale_story_version_naming_the_current_one() {
        given(command(aStarStory("s1")), command(anEditOf("s1", 1)));

        Decision decision = when(command(anEditOf("s1", 1)));

        assertRejected(decision, RejectionKind.STALE_VERSION, "If-Match");
        assertThat(decision.result().getRejection().getCurrentVersion()).isEqualTo(2);
        assertThat(candidate.model().getSequence()).isEqualTo(2L);
    }

    @Test
    void rejects_an_edit_or_an_attempt_on_a_retired_story() {
        given(command(aStarStory("s1")), command(retiring("s1")));

        assertRejected(when(command(anEditOf("s1", 1))), RejectionKind.RETIRED, "storyId");
        assertRejected(when(command(anAttemptOn("s1", null))), RejectionKind.RETIRED, "storyId");
        assertRejected(when(command(retiring("s1"))), RejectionKind.RETIRED, "storyId");
    }

    @Test
    void rejects_an_edit_of_a_story_that_does_not_exist() {
        assertRejected(when(command(anEditOf("nope", 1))), RejectionKind.NOT_FOUND, "storyId");
    }

    @Test
    void rejects_a_section_that_is_not_in_the_rubric() {
        var story = StoryCreated.newBuilder(aStarStory("s1")).setSections(Map.of("okrs", "KR1...")).build();

        assertRejected(when(command(story)), RejectionKind.INVALID_REFERENCE, "sections.okrs");
    }

    @Test
    void rubrics_and_sections_may_be_named_by_their_aliases_and_events_carry_the_ids() {
        var story = StoryCreated.newBuilder(aStarStory("s1")).setRubric("STAR")
                .setSections(Map.of("S", "Checkout paged 40 times a week", "Actions", "Grouped the pages")).build();
        StoryCreated created = (StoryCreated) ((Decision.Accepted) when(command(story))).events().get(0).getPayload();
        assertThat(created.getRubric()).isEqualTo("star");
        assertThat(created.getSections()).containsOnlyKeys("situation", "action");

        var attempt = PracticeAttemptLogged.newBuilder(anAttemptOn("s1", null)).setRubric("behavioral")
                .setSections(List.of(new dev.preptrack.events.SectionPractice("result", 40, 4),
                        new dev.preptrack.events.SectionPractice("Learnings", 20, null)))
                .build();
        PracticeAttemptLogged logged = (PracticeAttemptLogged) ((Decision.Accepted) when(command(attempt))).events().get(0)
                .getPayload();
        assertThat(logged.getRubric()).isEqualTo("star");
        assertThat(logged.getSections()).extracting(p -> p.getSection()).containsExactly("result", "reflection");
    }

    @Test
    void nothing_may_be_dated_before_what_it_is_about() {
        given(command(aStarStory("s1")));
        Command early = dev.preptrack.commands.Command.newBuilder(command(anAttemptOn("s1", null)))
                .setOccurredAt(dev.preptrack.tracker.Commands.NOW.minusSeconds(86_400)).build();
        assertRejected(when(early), RejectionKind.INVALID_REFERENCE, "occurredAt");

        var attempt = PracticeAttemptLogged.newBuilder(anAttemptOn("s1", null)).setAttemptId("a1").build();
        given(command(attempt));
        var onIt = FeedbackReceived.newBuilder(aCoachsFeedback("f1")).setAttemptId("a1").setStoryId("s1").build();
        Command before = dev.preptrack.commands.Command.newBuilder(command(onIt))
                .setOccurredAt(dev.preptrack.tracker.Commands.NOW.minusSeconds(7_200)).build();
        assertRejected(when(before), RejectionKind.INVALID_REFERENCE, "occurredAt");
        assertThat(when(command(onIt))).isInstanceOf(Decision.Accepted.class);
    }

    @Test
    void a_section_name_the_rubric_lacks_is_named_by_where_it_is_in_the_request() {
        given(command(aStarStory("s1")));
        var attempt = PracticeAttemptLogged.newBuilder(anAttemptOn("s1", null))
                .setSections(List.of(new dev.preptrack.events.SectionPractice("situation", 40, 4),
                        new dev.preptrack.events.SectionPractice("actoin", 90, 3)))
                .build();
        assertRejected(when(command(attempt)), RejectionKind.INVALID_REFERENCE, "sections[1].section");

        var feedback = FeedbackReceived.newBuilder(aCoachsFeedback("f1")).setSection("actoin").build();
        assertRejected(when(command(feedback)), RejectionKind.INVALID_REFERENCE, "section");
    }

    @Test
    void rejects_an_unknown_rubric() {
        var story = StoryCreated.newBuilder(aStarStory("s1")).setRubric("haiku").build();

        assertRejected(when(command(story)), RejectionKind.INVALID_REFERENCE, "rubric");
    }

    @Test
    void an_attempt_without_a_version_practices_the_latest_and_a_missing_version_is_refused() {
        given(command(aStarStory("s1")), command(anEditOf("s1", 1)));

        Decision latest = when(command(anAttemptOn("s1", null)));
        PracticeAttemptLogged logged = (PracticeAttemptLogged) ((Decision.Accepted) latest).events().get(0).getPayload();
        assertThat(logged.getStoryVersion()).isEqualTo(2);

        assertRejected(when(command(anAttemptOn("s1", 3))), RejectionKind.INVALID_REFERENCE, "storyVersion");
    }

    @Test
    void an_edit_may_only_address_feedback_that_exists() {
        given(command(aStarStory("s1")), command(aCoachsFeedback("fb-1")));
        var addressingUnknown = StoryEdited.newBuilder(anEditOf("s1", 1)).setFeedbackAddressed(List.of("fb-9")).build();
        var addressingKnown = StoryEdited.newBuilder(anEditOf("s1", 1)).setFeedbackAddressed(List.of("fb-1")).build();

        assertRejected(when(command(addressingUnknown)), RejectionKind.INVALID_REFERENCE, "addressesFeedback");
        assertThat(when(command(addressingKnown))).isInstanceOf(Decision.Accepted.class);
    }

    @Test
    void triage_needs_an_existing_feedback_item() {
        assertRejected(when(command(addressing("fb-1"))), RejectionKind.NOT_FOUND, "feedbackId");
        given(command(aCoachsFeedback("fb-1")));
        assertThat(when(command(addressing("fb-1")))).isInstanceOf(Decision.Accepted.class);
    }

    @Test
    void a_retried_command_returns_its_first_result_and_appends_nothing() {
        Command create = command("k-1", aStarStory("s1"));
        Decision first = when(create);

        Decision retry = when(create);

        assertThat(retry).isInstanceOf(Decision.Replayed.class);
        assertThat(retry.result().getEventIds()).isEqualTo(first.result().getEventIds());
        assertThat(retry.result().getReplayed()).isTrue();
        assertThat(candidate.model().getSequence()).isEqualTo(1L);
    }

    @Test
    void the_same_key_with_a_different_request_is_refused_and_the_first_result_kept() {
        when(command("k-1", aStarStory("s1")));

        Decision other = when(command("k-1", aStarStory("s2")));

        assertRejected(other, RejectionKind.IDEMPOTENCY_KEY_REUSED, "Idempotency-Key");
        assertThat(candidate.model().getStories()).containsOnlyKeys("s1");
        assertThat(when(command("k-1", aStarStory("s1")))).isInstanceOf(Decision.Replayed.class);
    }

    @Test
    void feedback_may_name_only_an_attempt_that_was_logged() {
        var attempt = anAttemptOn(null, null);
        given(command(attempt));
        var onLogged = FeedbackReceived.newBuilder(aCoachsFeedback("fb-1")).setAttemptId(attempt.getAttemptId()).build();
        var onUnknown = FeedbackReceived.newBuilder(aCoachsFeedback("fb-2")).setAttemptId("attempt-x").build();

        assertThat(when(command(onLogged))).isInstanceOf(Decision.Accepted.class);
        assertRejected(when(command(onUnknown)), RejectionKind.INVALID_REFERENCE, "attemptId");
        assertRejected(when(command(aCoachsFeedback("fb-1"))), RejectionKind.ALREADY_EXISTS, "feedbackId");
    }

    @Test
    void a_rejection_is_remembered_so_its_retry_is_refused_the_same_way() {
        Command stale = command("k-2", anEditOf("s1", 1));
        Decision first = when(stale);

        Decision retry = when(stale);

        assertThat(retry.result().getRejection()).isEqualTo(first.result().getRejection());
        assertThat(retry).isInstanceOf(Decision.Replayed.class);
    }

    @Test
    void event_ids_derive_from_the_command_so_a_replay_of_commands_gives_the_same_events() {
        Command create = command("k-3", aStarStory("s1"));
        var otherDecider = new CommandDecider(RulesLoader.defaults());

        Decision here = decider.decide(new InMemoryCandidate(), create);
        Decision there = otherDecider.decide(new InMemoryCandidate(), create);

        assertThat(((Decision.Accepted) here).events()).isEqualTo(((Decision.Accepted) there).events());
    }

    private void given(Command... commands) {
        for (Command command : commands) {
            assertThat(when(command)).as("given %s", command.getPayload()).isInstanceOf(Decision.Accepted.class);
        }
    }

    private Decision when(Command command) {
        Decision decision = decider.decide(candidate, command);
        candidate.keep(command.getCommandId(), decision);
        return decision;
    }

    private static void assertRejected(Decision decision, RejectionKind kind, String field) {
        assertThat(decision.result().getOutcome()).isEqualTo(CommandOutcome.REJECTED);
        assertThat(decision.result().getRejection().getKind()).isEqualTo(kind);
        assertThat(decision.result().getRejection().getField()).isEqualTo(field);
        assertThat(decision.result().getEventIds()).isEmpty();
    }
}
