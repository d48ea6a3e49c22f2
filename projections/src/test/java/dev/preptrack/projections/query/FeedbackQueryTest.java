package dev.preptrack.projections.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preptrack.events.Envelope;
import dev.preptrack.events.FeedbackReceived;
import dev.preptrack.events.FeedbackSource;
import dev.preptrack.events.FeedbackSourceRole;
import dev.preptrack.rules.Rules;
import dev.preptrack.rules.RulesLoader;
import dev.preptrack.schemas.SampleEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The feedback use cases over read models held in a map. */
class FeedbackQueryTest {

    private static final Rules RULES = RulesLoader.defaults();

    private FeedbackQuery query;

    @BeforeEach
    void aCandidateWithFeedbackFromTwoSources() {
        List<Envelope> log = new ArrayList<>(SampleEvents.oneOfEachType("carol").subList(0, 2));
        log.add(feedback(3, "f-b", "peer bo", "how much did it save, roughly?"));
        log.add(feedback(2, "f-a", "coach anna", "numbers? 40% of what?"));
        log.add(feedback(4, "f-c", "peer bo", "great energy, keep it"));
        query = new FeedbackQuery(new InMemoryReadModels(RULES).given(log), RULES,
                Clock.fixed(SampleEvents.MONDAY.plus(Duration.ofDays(6)), ZoneOffset.UTC));
    }

    @Test
    void items_come_oldest_first_with_the_position_folded() {
        var list = query.feedback("carol", 0);

        assertThat(list.items()).extracting(FeedbackList.Item::feedbackId).containsExactly("f-a", "f-b", "f-c");
        assertThat(list.position()).isEqualTo("5");
        assertThat(list.items().get(0).occurredAt()).isEqualTo(SampleEvents.MONDAY.plus(Duration.ofDays(2)).toString());
        assertThat(list.items().get(0).source()).isEqualTo(new FeedbackList.Source("coach anna", "peer"));
    }

    @Test
    void an_item_has_the_status_the_rules_give_it_and_the_evidence_the_fold_kept_for_each_theme() {
        var items = query.feedback("carol", 0).items();

        assertThat(items.get(0).status()).isEqualTo("open");
        assertThat(items.get(0).themes()).containsExactly("impact-metrics");
        assertThat(items.get(0).why()).singleElement().satisfies(why -> {
            assertThat(why.theme()).isEqualTo("impact-metrics");
            assertThat(why.clause()).isNotBlank();
            assertThat(why.pattern()).isNotBlank();
        });
        assertThat(items.get(2).status()).isEqualTo("no-change-asked");
        assertThat(items.get(0).triage()).isNull();
    }

    @Test
    void a_candidate_without_feedback_has_an_empty_list_at_position_zero() {
        var list = query.feedback("nobody", 0);

        assertThat(list.items()).isEmpty();
        assertThat(list.position()).isEqualTo("0");
    }

    @Test
    void themes_are_evaluated_now_under_the_rules() {
        var themes = query.themes("carol", 0);

        assertThat(themes.rulesVersion()).isEqualTo(RULES.version());
        assertThat(themes.asOf()).isEqualTo(SampleEvents.MONDAY.plus(Duration.ofDays(6)).toString());
        assertThat(themes.themes()).first().satisfies(theme -> {
            assertThat(theme.theme()).isEqualTo("impact-metrics");
            assertThat(theme.count()).isEqualTo(2);
            assertThat(theme.recurring()).isTrue();
            assertThat(theme.examples()).extracting(ThemesResult.Example::feedbackId).contains("f-a", "f-b");
        });
    }

    private static Envelope feedback(int day, String id, String source, String text) {
        Envelope event = SampleEvents.envelope("carol", day, FeedbackReceived.newBuilder().setFeedbackId(id)
                .setSource(new FeedbackSource(source, FeedbackSourceRole.PEER)).setText(text).build());
        event.setSequence(day == 2 ? 4L : day == 3 ? 3L : 5L);
        return event;
    }
}
