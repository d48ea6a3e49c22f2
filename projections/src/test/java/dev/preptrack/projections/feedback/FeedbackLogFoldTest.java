package dev.preptrack.projections.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preptrack.events.Envelope;
import dev.preptrack.events.FeedbackTriaged;
import dev.preptrack.events.TriageDecision;
import dev.preptrack.projections.CandidateFeedback;
import dev.preptrack.projections.FeedbackItemView;
import dev.preptrack.events.PracticeAttemptLogged;
import dev.preptrack.projections.themes.ThemeClassifier;
import dev.preptrack.rules.RulesLoader;
import dev.preptrack.schemas.SampleEvents;
import dev.preptrack.schemas.codec.EventCodec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedbackLogFoldTest {

    private static final FeedbackLogFold FOLD = FeedbackLogFold.forRules(RulesLoader.defaults().themes());
    private final List<Envelope> week = SampleEvents.oneOfEachType("cand-1");

    @Test
    void an_item_keeps_its_words_the_edit_that_addressed_it_and_its_triage() {
        FeedbackItemView item = fold(week).getItems().get("fb-1");

        assertThat(item.getText()).isEqualTo("what exactly did you change in the dedup, config or code?");
        assertThat(item.getSourceRole()).isEqualTo("coach");
        assertThat(item.getSection()).isEqualTo("action");
        assertThat(item.getAddressedBy()).singleElement().satisfies(edit -> {
            assertThat(edit.getStoryId()).isEqualTo("oncall-pages");
            assertThat(edit.getVersion()).isEqualTo(2);
        });
        assertThat(item.getTriage().getDecision()).isEqualTo("addressed");
    }

    @Test
    void an_item_carries_the_themes_its_text_has_under_the_rules() {
        assertThat(fold(week.subList(0, 8)).getItems().get("fb-1").getThemes()).containsExactly("technical-depth");
    }

    @Test
    void a_correction_replaces_the_classifiers_themes_and_says_who_and_why() {
        FeedbackItemView item = fold(untilTheCorrection()).getItems().get("fb-1");

        assertThat(item.getThemes()).containsExactly("stakeholders");
        assertThat(item.getCorrection().getBy()).isEqualTo("cand-1");
        assertThat(item.getCorrection().getNote()).isEqualTo("they asked who disagreed");
        assertThat(item.getWhy()).singleElement().satisfies(why -> {
            assertThat(why.getTheme()).isEqualTo("stakeholders");
            assertThat(why.getPattern()).isEqualTo("corrected by cand-1");
        });
    }

    @Test
    void a_later_item_worded_like_a_corrected_one_takes_its_themes_and_an_unlike_one_does_not() {
        List<Envelope> events = new java.util.ArrayList<>(untilTheCorrection());
        events.add(feedback(20, "fb-like", "what exactly did you change in the dedup config?"));
        events.add(feedback(21, "fb-unlike", "what exactly was the baseline latency before?"));
        CandidateFeedback folded = fold(events);

        FeedbackItemView like = folded.getItems().get("fb-like");
        assertThat(like.getThemes()).containsExactly("stakeholders");
        assertThat(like.getLearnedFrom()).isEqualTo("fb-1");
        assertThat(like.getWhy()).singleElement().satisfies(why -> {
            assertThat(why.getPattern()).isEqualTo("like corrected item fb-1");
            assertThat(why.getClause()).isEqualTo("exactly change dedup config");
        });
        assertThat(folded.getItems().get("fb-unlike").getLearnedFrom()).isNull();
        assertThat(folded.getItems().get("fb-unlike").getThemes()).doesNotContain("stakeholders");
    }

    @Test
    void only_items_folded_after_a_correction_learn_from_it() {
        List<Envelope> events = new java.util.ArrayList<>(week.subList(0, 8));
        events.add(feedback(20, "fb-earlier", "what exactly did you change in the dedup config?"));
        events.add(week.get(8));
        FeedbackItemView earlier = fold(events).getItems().get("fb-earlier");

        assertThat(earlier.getLearnedFrom()).isNull();
        assertThat(earlier.getThemes()).containsExactly("technical-depth");
    }

    @Test
    void a_named_theme_is_the_candidates_own_and_later_items_worded_like_its_items_take_it() {
        List<Envelope> events = new java.util.ArrayList<>(week);
        events.add(feedback(20, "fb-like", "what exactly did you change in the dedup config?"));
        CandidateFeedback folded = fold(events);

        assertThat(folded.getNamedThemes()).containsExactly(java.util.Map.entry("requirements", "Requirements"));
        FeedbackItemView named = folded.getItems().get("fb-1");
        assertThat(named.getThemes()).as("the later naming supersedes the correction").containsExactly("requirements");
        assertThat(named.getWhy()).singleElement().satisfies(why -> {
            assertThat(why.getPattern()).isEqualTo("named 'Requirements' by cand-1");
            assertThat(why.getClause()).isEqualTo("what they needed, before the design");
        });
        assertThat(folded.getItems().get("fb-like").getThemes()).containsExactly("requirements");
        assertThat(folded.getItems().get("fb-like").getLearnedFrom()).isEqualTo("fb-1");
    }

    @Test
    void naming_a_theme_again_adds_items_and_keeps_the_latest_title_and_an_unknown_item_changes_nothing() {
        List<Envelope> events = new java.util.ArrayList<>(week);
        events.add(feedback(20, "fb-2", "who was the customer for the dedup?"));
        events.add(SampleEvents.envelope("cand-1", 21, new dev.preptrack.events.FeedbackThemeNamed("requirements",
                "requirements", List.of("fb-2", "fb-gone"), null)));
        CandidateFeedback folded = fold(events);

        assertThat(folded.getNamedThemes()).containsExactly(java.util.Map.entry("requirements", "requirements"));
        assertThat(folded.getItems().get("fb-1").getThemes()).containsExactly("requirements");
        assertThat(folded.getItems().get("fb-2").getThemes()).containsExactly("requirements");
        assertThat(folded.getItems()).doesNotContainKey("fb-gone");
    }

    /** The sample week up to its correction of fb-1, before the naming that follows it. */
    private List<Envelope> untilTheCorrection() {
        assertThat(week.get(8).getPayload()).isInstanceOf(dev.preptrack.events.FeedbackThemesCorrected.class);
        return week.subList(0, 9);
    }

    private static Envelope feedback(int day, String feedbackId, String text) {
        Envelope envelope = SampleEvents.envelope("cand-1", day, dev.preptrack.events.FeedbackReceived.newBuilder()
                .setFeedbackId(feedbackId).setText(text)
                .setSource(new dev.preptrack.events.FeedbackSource("ravi", dev.preptrack.events.FeedbackSourceRole.PEER))
                .build());
        return envelope;
    }

    @Test
    void the_last_practice_of_a_story_is_the_latest_whatever_the_arrival_order() {
        var attempt = week.stream().filter(e -> e.getPayload() instanceof PracticeAttemptLogged).findFirst().orElseThrow();
        Envelope earlier = Envelope.newBuilder(attempt).setSequence(20L)
                .setOccurredAt(attempt.getOccurredAt().minus(Duration.ofDays(3))).build();
        Envelope later = Envelope.newBuilder(attempt).setSequence(21L)
                .setOccurredAt(attempt.getOccurredAt().plus(Duration.ofDays(3))).build();
        String story = ((PracticeAttemptLogged) attempt.getPayload()).getStoryId();

        var inOrder = new java.util.ArrayList<>(week);
        inOrder.addAll(List.of(earlier, later));
        var reversed = new java.util.ArrayList<>(week);
        reversed.addAll(List.of(Envelope.newBuilder(later).setSequence(20L).build(),
                Envelope.newBuilder(earlier).setSequence(21L).build()));

        assertThat(fold(inOrder).getLastAttemptAt().get(story)).isEqualTo(later.getOccurredAt());
        assertThat(fold(reversed).getLastAttemptAt().get(story)).isEqualTo(later.getOccurredAt());
    }

    @Test
    void a_backdated_triage_does_not_override_a_newer_one() {
        List<Envelope> events = new java.util.ArrayList<>(week.subList(0, 5));
        Envelope older = SampleEvents.envelope("cand-1", -3, new FeedbackTriaged("fb-1", TriageDecision.WONT_FIX, null));
        older.setSequence(9L);
        events.add(older);

        assertThat(fold(events).getItems().get("fb-1").getTriage().getDecision()).isEqualTo("addressed");
    }

    @Test
    void an_event_delivered_twice_is_folded_once() {
        CandidateFeedback once = fold(week.subList(0, 4));

        assertThat(FOLD.apply(once, EventCodec.decode(week.get(3)))).isSameAs(once);
        assertThat(once.getItems().get("fb-1").getAddressedBy()).hasSize(1);
    }

    @Test
    void the_classifiers_answers_a_log_keeps_are_exactly_its_own_and_pinned_they_are_not_classified_again()
            throws Exception {
        // Every labelled text of every set, folded as feedback after a week with a correction and an
        // item that learned from it: those two carry a person's themes, not the classifier's.
        List<Envelope> events = new java.util.ArrayList<>(week);
        events.add(feedback(20, "fb-like", "what exactly did you change in the dedup config?"));
        List<String> texts = labelledTexts();
        for (int i = 0; i < texts.size(); i++) {
            Envelope item = feedback(21 + i / 50, "fb-set-" + i, texts.get(i));
            item.setSequence(100L + i);
            events.add(item);
        }
        CandidateFeedback log = fold(events);
        var classifier = ThemeClassifier.forRules(RulesLoader.defaults().themes());

        var kept = new java.util.HashMap<String, ThemeClassifier.Classification>();
        FeedbackLogFold.classificationsIn(log, kept);

        assertThat(kept).doesNotContainKeys("what exactly did you change in the dedup, config or code?",
                "what exactly did you change in the dedup config?");
        assertThat(kept).hasSizeGreaterThan(1000);
        kept.forEach((text, answer) -> assertThat(answer).as(text).isEqualTo(classifier.classify(text)));

        // A classifier that never saw these texts answers them from the pin, and folds the same log.
        var fresh = new ThemeClassifier(RulesLoader.defaults().themes());
        try (var pinned = fresh.pin(kept)) {
            CandidateFeedback again = null;
            var fold = new FeedbackLogFold(fresh, RulesLoader.defaults().themes());
            for (Envelope event : events) {
                again = fold.apply(again, EventCodec.decode(event));
            }
            assertThat(again).isEqualTo(log);
            long unpinned = events.stream().map(Envelope::getPayload)
                    .filter(dev.preptrack.events.FeedbackReceived.class::isInstance)
                    .map(p -> ((dev.preptrack.events.FeedbackReceived) p).getText()).distinct()
                    .filter(text -> !kept.containsKey(text)).count();
            assertThat(fresh.computed()).isEqualTo(unpinned).isPositive();
        }
        String anyKept = kept.keySet().iterator().next();
        long before = fresh.computed();
        fresh.classify(anyKept);
        assertThat(fresh.computed()).as("closed, the pin answers no more").isEqualTo(before + 1);
    }

    private static List<String> labelledTexts() throws java.io.IOException {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<String> texts = new java.util.ArrayList<>();
        for (String set : List.of("", "-b", "-c", "-d", "-e", "-f", "-i")) {
            String file = "labelled-feedback" + set + ".jsonl";
            var holdout = FeedbackLogFoldTest.class.getResourceAsStream("/themes/" + file);
            try (var in = holdout != null ? holdout
                    : FeedbackLogFoldTest.class.getResourceAsStream("/dev/preptrack/rules/labelled/preptrack-feedback-1/" + file)) {
                for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isBlank()) {
                        texts.add(json.readTree(line).path("text").asText());
                    }
                }
            }
        }
        return texts;
    }

    private static CandidateFeedback fold(List<Envelope> events) {
        CandidateFeedback state = null;
        for (Envelope event : events) {
            state = FOLD.apply(state, EventCodec.decode(event));
        }
        return state;
    }
}
