package dev.preptrack.projections.stories;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preptrack.events.Envelope;
import dev.preptrack.events.StoryCreated;
import dev.preptrack.events.StoryEdited;
import dev.preptrack.projections.CandidateStories;
import dev.preptrack.projections.StoryView;
import dev.preptrack.schemas.SampleEvents;
import dev.preptrack.schemas.codec.EventCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoryBankFoldTest {

    private final List<Envelope> week = SampleEvents.oneOfEachType("cand-1");

    @Test
    void a_story_keeps_its_current_sections_and_every_version() {
        CandidateStories bank = fold(week.subList(0, 4));

        StoryView story = bank.getStories().get("oncall-pages");
        assertThat(story.getVersion()).isEqualTo(2);
        assertThat(story.getSections()).containsEntry("action",
                ((StoryEdited) week.get(3).getPayload()).getChangedSections().get("action"));
        assertThat(story.getSections()).containsKey("situation");
        assertThat(story.getVersions()).extracting(v -> v.getVersion()).containsExactly(1, 2);
        assertThat(story.getVersions().get(1).getFeedbackAddressed()).containsExactly("fb-1");
        assertThat(story.getRetired()).isFalse();
        assertThat(bank.getSequence()).isEqualTo(4L);
    }

    @Test
    void each_version_keeps_the_text_it_wrote_so_two_versions_can_be_compared() {
        StoryView story = fold(week.subList(0, 4)).getStories().get("oncall-pages");
        StoryCreated created = (StoryCreated) week.get(0).getPayload();
        StoryEdited edited = (StoryEdited) week.get(3).getPayload();

        assertThat(story.getVersions().get(0).getText()).isEqualTo(created.getSections());
        assertThat(story.getVersions().get(1).getText()).isEqualTo(edited.getChangedSections());
        assertThat(story.getVersions().get(1).getText().get("action"))
                .isNotEqualTo(story.getVersions().get(0).getText().get("action"));
    }

    @Test
    void each_version_lists_the_attempts_made_on_it_with_their_scores() {
        StoryView story = fold(week.subList(0, 4)).getStories().get("oncall-pages");

        assertThat(story.getVersions().get(0).getAttempts()).singleElement().satisfies(attempt -> {
            assertThat(attempt.getAttemptId()).isEqualTo("attempt-1");
            assertThat(attempt.getMode()).isEqualTo("coach-mock");
            assertThat(attempt.getSelfScore()).isEqualTo(3);
            assertThat(attempt.getFeedbackScores()).singleElement().satisfies(score -> {
                assertThat(score.getFeedbackId()).isEqualTo("fb-1");
                assertThat(score.getRole()).isEqualTo("coach");
                assertThat(score.getScore()).isEqualTo(2);
            });
        });
        assertThat(story.getVersions().get(1).getAttempts()).isEmpty();
    }

    @Test
    void retiring_marks_the_story_and_keeps_its_history() {
        CandidateStories bank = fold(week);

        assertThat(bank.getStories().get("oncall-pages").getRetired()).isTrue();
        assertThat(bank.getStories().get("oncall-pages").getVersions()).hasSize(2);
    }

    @Test
    void an_event_delivered_twice_is_folded_once() {
        CandidateStories once = fold(week.subList(0, 4));
        CandidateStories twice = StoryBankFold.apply(once, EventCodec.decode(week.get(3)));

        assertThat(twice).isEqualTo(once);
        assertThat(twice.getStories().get("oncall-pages").getVersions()).hasSize(2);
    }

    private static CandidateStories fold(List<Envelope> events) {
        CandidateStories state = null;
        for (Envelope event : events) {
            state = StoryBankFold.apply(state, EventCodec.decode(event));
        }
        return state;
    }
}
