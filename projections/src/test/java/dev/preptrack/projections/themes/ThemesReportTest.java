package dev.preptrack.projections.themes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preptrack.events.Envelope;
import dev.preptrack.events.FeedbackReceived;
import dev.preptrack.events.FeedbackSource;
import dev.preptrack.events.FeedbackSourceRole;
import dev.preptrack.events.FeedbackTriaged;
import dev.preptrack.events.PracticeAttemptLogged;
import dev.preptrack.events.StoryEdited;
import dev.preptrack.events.TriageDecision;
import dev.preptrack.projections.CandidateFeedback;
import dev.preptrack.projections.feedback.FeedbackLogFold;
import dev.preptrack.rules.RulesLoader;
import dev.preptrack.rules.ThemeRules;
import dev.preptrack.schemas.SampleEvents;
import dev.preptrack.schemas.codec.EventCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThemesReportTest {

    private static final ThemeRules RULES = RulesLoader.defaults().themes();
    private static final FeedbackLogFold FOLD = FeedbackLogFold.forRules(RULES);
    private static final Instant T0 = SampleEvents.MONDAY;

    private final List<Envelope> log = new ArrayList<>();

    @Test
    void a_theme_recurs_across_two_sessions_of_the_same_source() {
        feedback("f1", 0, "attempt-1", "coach anna", "numbers?");
        feedback("f2", 1, "attempt-1", "coach anna", "85% of what?");

        var once = theme(report(2), "impact-metrics");
        assertThat(once.count()).isEqualTo(2);
        assertThat(once.sessions()).isEqualTo(1);
        assertThat(once.sources()).isEqualTo(1);
        assertThat(once.recurring()).isFalse();

        feedback("f3", 2, "attempt-2", "coach anna", "what was the baseline?");
        assertThat(theme(report(3), "impact-metrics").recurring()).isTrue();
    }

    @Test
    void a_theme_recurs_when_two_sources_name_it_in_one_session() {
        feedback("f1", 0, "attempt-1", "coach anna", "way over, ~9 min");
        feedback("f2", 0, "attempt-1", "Peer Bo", "too long");

        var time = theme(report(1), "time-management");
        assertThat(time.sessions()).isEqualTo(1);
        assertThat(time.sources()).isEqualTo(2);
        assertThat(time.recurring()).isTrue();
    }

    @Test
    void feedback_without_an_attempt_is_one_session_per_day() {
        feedback("f1", 0, null, "me", "numbers?");
        feedback("f2", 0, null, "me", "how much did it save?");
        assertThat(theme(report(1), "impact-metrics").sessions()).isEqualTo(1);
        feedback("f3", 1, null, "me", "no baseline again");
        assertThat(theme(report(2), "impact-metrics").sessions()).isEqualTo(2);
    }

    @Test
    void an_edit_addresses_feedback_only_once_a_later_attempt_confirms_it() {
        feedback("f1", 0, "attempt-1", "coach anna", "what did you do, versus the team?");
        append(2, StoryEdited.newBuilder().setStoryId("s1").setExpectedVersion(1).setNewVersion(2)
                .setChangedSections(Map.of("action", "I wrote the runbook")).setFeedbackAddressed(List.of("f1")).build());
        assertThat(theme(report(3), "ownership").open()).isEqualTo(1);

        append(4, attempt("attempt-2"));
        var ownership = theme(report(5), "ownership");
        assertThat(ownership.open()).isZero();
        assertThat(ownership.addressed()).isEqualTo(1);
    }

    @Test
    void a_reopened_item_is_open_until_practised_again() {
        feedback("f1", 0, "attempt-1", "coach anna", "who decided that?");
        append(1, StoryEdited.newBuilder().setStoryId("s1").setExpectedVersion(1).setNewVersion(2)
                .setChangedSections(Map.of("action", "I decided")).setFeedbackAddressed(List.of("f1")).build());
        append(2, attempt("attempt-2"));
        append(3, new FeedbackTriaged("f1", TriageDecision.REOPENED, "still vague"));
        assertThat(theme(report(4), "ownership").open()).isEqualTo(1);

        append(5, attempt("attempt-3"));
        assertThat(theme(report(6), "ownership").open()).isZero();
    }

    @Test
    void the_trend_compares_the_last_window_with_the_one_before() {
        int window = RULES.trendWindowDays();
        feedback("f1", 0, null, "me", "too long");
        feedback("f2", 1, null, "me", "rushed the ending");
        feedback("f3", window + 2, null, "me", "over time again");

        var time = theme(report(window + 3), "time-management");
        assertThat(time.previous()).isEqualTo(2);
        assertThat(time.recent()).isEqualTo(1);
        assertThat(time.trend()).isEqualTo("falling");
        assertThat(theme(report(2), "time-management").trend()).isEqualTo("new");
    }

    @Test
    void a_theme_back_after_a_quiet_window_is_rising_not_new() {
        int window = RULES.trendWindowDays();
        feedback("f1", 0, null, "me", "too long");
        feedback("f2", 3 * window, null, "me", "over time again");

        var time = theme(report(3 * window + 1), "time-management");
        assertThat(time.previous()).isZero();
        assertThat(time.recent()).isEqualTo(1);
        assertThat(time.trend()).isEqualTo("rising");
    }

    @Test
    void recurring_themes_come_first_with_their_latest_examples() {
        feedback("f1", 0, "a1", "coach", "who was the customer?");
        feedback("f2", 1, "a1", "coach", "numbers?");
        feedback("f3", 2, "a2", "coach", "how much faster?");

        var report = report(3);
        assertThat(report.themes()).extracting(ThemesReport.ThemeSummary::theme)
                .containsExactly("impact-metrics", "context");
        assertThat(report.themes().get(0).examples()).extracting(ThemesReport.Example::feedbackId)
                .containsExactly("f3", "f2");
    }

    @Test
    void praise_is_a_strength_apart_never_a_criticism_and_a_mixed_item_counts_for_its_change() {
        feedback("f1", 0, "a1", "coach", "strong answer, no notes");
        feedback("f2", 1, "a2", "peer", "loved it, keep it exactly as it is");
        feedback("f3", 2, "a2", "peer", "numbers?");
        feedback("f4", 2, "a2", "peer", "loved the story. numbers?");

        var report = report(3);
        assertThat(report.themes()).extracting(ThemesReport.ThemeSummary::theme).containsExactly("impact-metrics");
        assertThat(theme(report, "impact-metrics").count()).isEqualTo(2);
        assertThat(report.strengths()).singleElement().satisfies(praise -> {
            assertThat(praise.theme()).isEqualTo("praise");
            assertThat(praise.count()).as("not the item that also asks for a change").isEqualTo(2);
            assertThat(praise.open()).isZero();
            assertThat(praise.status()).isEqualTo("strength");
        });
        assertThat(report.accounting()).isEqualTo(new ThemesReport.Accounting(4, 2, 2, 0));
    }

    @Test
    void a_theme_is_addressed_by_an_edit_then_resolved_once_two_later_sessions_drew_feedback_without_it() {
        feedback("f1", 0, "attempt-1", "coach anna", "who decided that?");
        assertThat(theme(report(1), "ownership").status()).isEqualTo("open");
        assertThat(theme(report(1), "ownership").stories()).singleElement()
                .satisfies(story -> assertThat(story.why()).isEqualTo("no edit of this story addresses it yet"));

        append(2, anEditAddressing("f1"));
        feedback("f2", 3, "attempt-2", "coach anna", "numbers?");
        assertThat(theme(report(4), "ownership").stories().get(0).why()).as("feedback, but no practice logged")
                .endsWith("not practised since");
        append(3, attempt("attempt-2"));
        var once = theme(report(4), "ownership");
        assertThat(once.status()).as("one session since the edit is not yet confirmation").isEqualTo("addressed");
        assertThat(once.stories().get(0).why()).contains("edited to v2 on", "1 of 2 later sessions");

        append(5, attempt("attempt-3"));
        feedback("f3", 5, "attempt-3", "peer ravi", "how much faster?");
        var twice = theme(report(6), "ownership");
        assertThat(twice.status()).isEqualTo("resolved");
        assertThat(twice.open()).as("the item agrees: practised after the edit").isZero();
        assertThat(twice.stories()).singleElement().satisfies(story -> {
            assertThat(story.storyId()).isEqualTo("s1");
            assertThat(story.why()).contains("2 later sessions on it drew feedback without it");
        });
    }

    @Test
    void a_theme_raised_again_after_the_edit_is_persisting_whatever_else_was_said() {
        feedback("f1", 0, "attempt-1", "coach anna", "who decided that?");
        append(1, anEditAddressing("f1"));
        feedback("f2", 2, "attempt-2", "peer ravi", "numbers?");
        feedback("f3", 3, "attempt-3", "peer ravi", "was it your call or your manager's?");
        feedback("f4", 4, "attempt-4", "peer ravi", "numbers again?");

        var ownership = theme(report(5), "ownership");
        assertThat(ownership.status()).isEqualTo("persisting");
        assertThat(ownership.stories().get(0).why()).contains("raised again on");
    }

    @Test
    void a_theme_is_resolved_for_the_candidate_only_where_it_is_resolved_on_every_story_it_was_raised_on() {
        feedback("f1", 0, "attempt-1", "coach anna", "who decided that?");
        append(1, FeedbackReceived.newBuilder().setFeedbackId("f-other").setAttemptId("other-1").setStoryId("s2")
                .setSource(new FeedbackSource("peer", FeedbackSourceRole.PEER)).setText("who owned it?").build());
        append(2, anEditAddressing("f1"));
        append(3, attempt("attempt-2"));
        feedback("f2", 3, "attempt-2", "coach anna", "numbers?");
        feedback("f3", 4, "attempt-3", "coach anna", "numbers?");

        var ownership = theme(report(5), "ownership");
        assertThat(ownership.stories()).extracting(ThemesReport.StoryStatus::storyId, ThemesReport.StoryStatus::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("s1", "resolved"),
                        org.assertj.core.groups.Tuple.tuple("s2", "open"));
        assertThat(ownership.status()).isEqualTo("open");
        assertThat(ownership.givers()).extracting(ThemesReport.Share::name).containsExactly("coach anna", "peer");
    }

    @Test
    void an_item_no_theme_fits_is_listed_with_the_themes_the_model_puts_nearest_and_counted() {
        feedback("f1", 0, "a1", "coach", "what was the baseline latency?");
        feedback("f2", 1, "a2", "coach", "zebra giraffe");
        feedback("f3", 2, "a3", "coach", "not sure about the bit with the auditors");

        var report = report(3);
        assertThat(report.unsorted()).extracting(ThemesReport.Unsorted::feedbackId).containsExactly("f2", "f3");
        assertThat(report.unsorted().get(0).suggestions()).as("no theme scores 0.1").isEmpty();
        assertThat(report.unsorted().get(1).suggestions()).as("no theme reaches the fallback; auditors: stakeholders, most likely")
                .first().isEqualTo("stakeholders");
        var accounting = report.accounting();
        assertThat(accounting.criticism() + accounting.strengths() + accounting.unsorted()).isEqualTo(accounting.items())
                .isEqualTo(3);
    }

    private static StoryEdited anEditAddressing(String feedbackId) {
        return StoryEdited.newBuilder().setStoryId("s1").setExpectedVersion(1).setNewVersion(2)
                .setChangedSections(Map.of("action", "I decided, and said why")).setFeedbackAddressed(List.of(feedbackId))
                .build();
    }

    @Test
    void feedback_that_fits_no_theme_forms_emerging_clusters_with_a_label() {
        feedback("f1", 0, null, "peer", "your mic kept cutting out");
        feedback("f2", 1, null, "coach", "the mic was cutting out again, get a headset");
        feedback("f3", 2, null, "coach", "can we move next week's mock to Thursday?");

        var report = report(3);
        assertThat(report.themes()).isEmpty();
        assertThat(report.emerging()).singleElement().satisfies(cluster -> {
            assertThat(cluster.count()).isEqualTo(2);
            assertThat(cluster.label()).contains("mic").contains("cutting");
        });
    }

    @Test
    void a_named_cluster_is_a_theme_of_the_candidates_own_ranked_with_the_others_and_later_alike_items_join_it() {
        feedback("f1", 0, "a1", "peer", "your mic kept cutting out");
        feedback("f2", 1, "a2", "coach", "the mic was cutting out again, get a headset");
        feedback("f3", 2, "a3", "coach", "can we move next week's mock to Thursday?");
        var before = report(3);
        assertThat(before.emerging()).singleElement().satisfies(cluster ->
                assertThat(cluster.feedbackIds()).as("every item, newest first").containsExactly("f2", "f1"));

        append(3, new dev.preptrack.events.FeedbackThemeNamed("audio-setup", "Audio setup",
                before.emerging().get(0).feedbackIds(), "get a headset"));
        feedback("f4", 4, "a4", "coach", "mic cutting out again");
        var report = report(5);

        var audio = theme(report, "audio-setup");
        assertThat(audio.title()).isEqualTo("Audio setup");
        assertThat(audio.count()).isEqualTo(3);
        assertThat(audio.recurring()).isTrue();
        assertThat(audio.status()).isEqualTo("open");
        assertThat(audio.examples()).extracting(ThemesReport.Example::feedbackId).containsExactly("f4", "f2", "f1");
        assertThat(report.themes().get(0).theme()).as("recurring and open: first").isEqualTo("audio-setup");
        assertThat(report.emerging()).isEmpty();
        assertThat(report.unsorted()).extracting(ThemesReport.Unsorted::feedbackId).containsExactly("f3");
        assertThat(report.accounting()).isEqualTo(new ThemesReport.Accounting(4, 3, 0, 1));
    }

    @Test
    void the_report_does_not_depend_on_the_order_feedback_arrived_in() {
        feedback("f1", 3, "a2", "coach", "numbers?");
        feedback("f2", 0, "a1", "peer", "your mic kept cutting out");
        feedback("f3", 1, "a1", "coach", "too long");
        feedback("f4", 2, null, "peer", "mic cutting out");
        var forwards = report(5);

        List<Envelope> reversed = new ArrayList<>(log);
        java.util.Collections.reverse(reversed);
        CandidateFeedback state = null;
        long sequence = 1;
        for (Envelope event : reversed) {
            state = FOLD.apply(state, EventCodec.decode(Envelope.newBuilder(event).setSequence(sequence++).build()));
        }
        assertThat(ThemesReport.of(state, RULES, T0.plus(Duration.ofDays(5)))).isEqualTo(forwards);
    }

    private void feedback(String id, int day, String attemptId, String source, String text) {
        append(day, FeedbackReceived.newBuilder().setFeedbackId(id).setAttemptId(attemptId).setStoryId("s1")
                .setSource(new FeedbackSource(source, FeedbackSourceRole.COACH)).setText(text).build());
    }

    private static PracticeAttemptLogged attempt(String id) {
        var attempt = SampleEvents.anAttemptOnTheStory();
        attempt.setAttemptId(id);
        attempt.setStoryId("s1");
        return attempt;
    }

    private void append(int day, Object payload) {
        var event = SampleEvents.envelope("c", day, payload);
        event.setSequence(log.size() + 1L);
        log.add(event);
    }

    private ThemesReport report(int day) {
        CandidateFeedback state = null;
        for (Envelope event : log) {
            state = FOLD.apply(state, EventCodec.decode(event));
        }
        return ThemesReport.of(state, RULES, T0.plus(Duration.ofDays(day)));
    }

    private static ThemesReport.ThemeSummary theme(ThemesReport report, String id) {
        return report.themes().stream().filter(t -> t.theme().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " not in " + report.themes()));
    }
}
