package dev.preptrack.projections.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preptrack.rules.Rules;
import dev.preptrack.rules.RulesLoader;
import dev.preptrack.schemas.SampleEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The story use cases over read models held in a map. */
class StoryQueryTest {

    private static final Rules RULES = RulesLoader.defaults();

    private StoryQuery query;

    @BeforeEach
    void aCandidateWithOneEditedStory() {
        query = new StoryQuery(new InMemoryReadModels(RULES).given(SampleEvents.oneOfEachType("alice").subList(0, 4)),
                RULES);
    }

    @Test
    void a_story_has_its_sections_in_the_order_its_rubric_speaks_them() {
        var story = query.story("alice", "oncall-pages", 0).orElseThrow();

        assertThat(story.sections().keySet()).containsExactly("situation", "action");
        assertThat(story.version()).isEqualTo(2);
        assertThat(story.versions()).extracting(StoryDetail.Version::version).containsExactly(1, 2);
        assertThat(story.versions().get(0).attempts()).singleElement()
                .satisfies(attempt -> assertThat(attempt.attemptId()).isEqualTo("attempt-1"));
    }

    @Test
    void the_list_holds_every_story_by_id_with_the_position_folded() {
        var list = query.stories("alice", 0);

        assertThat(list.stories()).extracting(StoryDetail::storyId).containsExactly("oncall-pages");
        assertThat(list.position()).isEqualTo("4");
    }

    @Test
    void an_unknown_story_or_candidate_is_empty() {
        assertThat(query.story("alice", "nope", 0)).isEmpty();
        assertThat(query.story("nobody", "oncall-pages", 0)).isEmpty();
        assertThat(query.stories("nobody", 0).position()).isEqualTo("0");
    }
}
