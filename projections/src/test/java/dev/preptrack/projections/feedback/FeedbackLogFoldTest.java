package dev.preptrack.projections.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preptrack.events.Envelope;
import dev.preptrack.events.FeedbackTriaged;
import dev.preptrack.events.TriageDecision;
import dev.preptrack.projections.CandidateFeedback;
import dev.preptrack.projections.FeedbackItemView;
import dev.preptrack.schemas.SampleEvents;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedbackLogFoldTest {

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

        assertThat(FeedbackLogFold.apply(once, week.get(3))).isSameAs(once);
        assertThat(once.getItems().get("fb-1").getAddressedBy()).hasSize(1);
    }

    private static CandidateFeedback fold(List<Envelope> events) {
        CandidateFeedback state = null;
        for (Envelope event : events) {
            state = FeedbackLogFold.apply(state, event);
        }
        return state;
    }
}
