package dev.preptrack.projections.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preptrack.events.Envelope;
import dev.preptrack.events.PracticeAttemptLogged;
import dev.preptrack.projections.readiness.CandidateEvidence;
import dev.preptrack.projections.readiness.ReadinessFold;
import dev.preptrack.projections.readiness.ReadinessReport;
import dev.preptrack.rules.Rules;
import dev.preptrack.rules.RulesLoader;
import dev.preptrack.schemas.SampleEvents;
import dev.preptrack.schemas.codec.EventCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The readiness use case over read models held in a map: what asOf and rubric mean, and what it answers. */
class ReadinessQueryTest {

    private static final Rules RULES = RulesLoader.defaults();
    private static final Instant NOW = SampleEvents.MONDAY.plus(Duration.ofDays(3)).plus(Duration.ofHours(2));

    private InMemoryReadModels models;
    private ReadinessQuery query;

    @BeforeEach
    void aCandidateWhoPractisedAStory() {
        models = new InMemoryReadModels(RULES).given(SampleEvents.oneOfEachType("alice").subList(0, 5));
        query = new ReadinessQuery(models, RULES, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void without_as_of_it_answers_for_now() {
        assertThat(query.readiness("alice", null, null, 0).asOf()).isEqualTo(NOW.toString());
        assertThat(query.readiness("alice", null, " ", 0).asOf()).isEqualTo(NOW.toString());
    }

    @Test
    void a_date_means_the_end_of_that_day_in_utc_but_today_means_now() {
        assertThat(query.readiness("alice", null, "2026-11-17", 0).asOf()).isEqualTo("2026-11-17T23:59:59.999Z");
        assertThat(query.readiness("alice", null, NOW.toString().substring(0, 10), 0).asOf()).isEqualTo(NOW.toString());
    }

    @Test
    void an_instant_is_taken_as_it_is_even_in_the_future() {
        assertThat(query.readiness("alice", null, "2027-01-01T10:00:00Z", 0).asOf()).isEqualTo("2027-01-01T10:00:00Z");
    }

    @Test
    void an_as_of_that_is_neither_a_date_nor_an_instant_is_refused_naming_as_of() {
        assertThatThrownBy(() -> query.readiness("alice", null, "yesterday", 0))
                .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.field()).isEqualTo("asOf"));
    }

    @Test
    void the_same_question_of_the_same_history_in_the_same_second_is_answered_once_and_a_new_event_answers_afresh() {
        var first = query.readiness("alice", "star", null, 0);
        assertThat(query.readiness("alice", "STAR", null, 0)).isSameAs(first);
        assertThat(query.readiness("alice", null, null, 0)).isNotSameAs(first);

        var later = new ReadinessQuery(models, RULES, Clock.fixed(NOW.plusSeconds(1), ZoneOffset.UTC));
        assertThat(later.readiness("alice", "star", null, 0).asOf()).isEqualTo(NOW.plusSeconds(1).toString());

        Envelope attempt = SampleEvents.envelope("alice", 5, SampleEvents.anAttemptOnTheStory());
        attempt.setOccurredAt(NOW.minusSeconds(60));
        models.given(List.of(attempt));
        var afterTheEvent = query.readiness("alice", "star", null, 0);
        assertThat(afterTheEvent).isNotSameAs(first);
        assertThat(afterTheEvent.rubrics().get(0).sections().get(0).attempts())
                .isEqualTo(first.rubrics().get(0).sections().get(0).attempts() + 1);
    }

    @Test
    void each_point_of_a_history_is_what_readiness_as_of_that_point_answers() {
        var history = query.history("alice", "STAR", null, "2026-11-15", NOW.toString(), "PT12H", 0);

        assertThat(history.rubric()).isEqualTo("star");
        assertThat(history.points()).hasSize(8);
        for (ReadinessHistory.Point point : history.points()) {
            var rubric = query.readiness("alice", "star", point.at(), 0).rubrics().get(0);
            assertThat(point.score()).as(point.at()).isEqualTo(rubric.score());
            assertThat(point.level()).as(point.at()).isEqualTo(rubric.level());
        }
        assertThat(history.points().get(0).score()).isZero();
        assertThat(history.points().get(history.points().size() - 1).score()).isPositive();

        var section = query.history("alice", "star", "Actions", "2026-11-15", null, null, 0);
        assertThat(section.section()).isEqualTo("action");
        assertThat(section.points()).extracting(ReadinessHistory.Point::score).last().isEqualTo(
                query.readiness("alice", "star", null, 0).rubrics().get(0).sections().stream()
                        .filter(s -> s.section().equals("action")).findFirst().orElseThrow().score());
    }

    @Test
    void a_history_without_a_rubric_or_with_a_bad_section_step_or_range_is_refused_naming_the_parameter() {
        record Case(String rubric, String section, String from, String step, String field) {
        }
        for (Case c : List.of(new Case(null, null, null, null, "rubric"), new Case("star", "okrs", null, null, "section"),
                new Case("star", null, "2026-11-20", null, "from"), new Case("star", null, "last week", null, "from"),
                new Case("star", null, null, "daily", "step"), new Case("star", null, null, "PT1S", "step"),
                new Case("star", null, "2025-01-01", "PT1H", "step"))) {
            assertThatThrownBy(() -> query.history("alice", c.rubric(), c.section(), c.from(), "2026-11-19", c.step(), 0))
                    .as("%s", c).isInstanceOfSatisfying(InvalidQueryException.class,
                            e -> assertThat(e.field()).isEqualTo(c.field()));
        }
    }

    @Test
    void a_rubric_is_found_by_its_id_or_an_alias_in_any_case() {
        for (String name : List.of("star", "STAR", "Star")) {
            assertThat(query.readiness("alice", name, null, 0).rubrics()).as(name)
                    .extracting(ReadinessResult.RubricResult::rubric).containsExactly("star");
        }
        String alias = RULES.rubric("star").orElseThrow().aliases().get(0);
        assertThat(query.readiness("alice", alias.toUpperCase(), null, 0).rubrics())
                .extracting(ReadinessResult.RubricResult::rubric).containsExactly("star");
    }

    @Test
    void an_unknown_rubric_is_refused_naming_rubric_and_the_rubrics_there_are() {
        assertThatThrownBy(() -> query.readiness("alice", "haiku", null, 0))
                .isInstanceOfSatisfying(InvalidQueryException.class, e -> {
                    assertThat(e.field()).isEqualTo("rubric");
                    assertThat(e.reason()).contains("haiku").contains(RULES.rubricIds().get(0));
                });
    }

    @Test
    void every_rubric_is_answered_with_its_sections_in_the_rubrics_order() {
        var result = query.readiness("alice", null, null, 0);

        assertThat(result.rulesVersion()).isEqualTo(RULES.version());
        assertThat(result.rubrics()).extracting(ReadinessResult.RubricResult::rubric)
                .containsExactlyElementsOf(RULES.rubricIds());
        assertThat(result.rubrics().get(0).sections()).extracting(ReadinessResult.SectionResult::section)
                .containsExactlyElementsOf(RULES.rubrics().get(0).sectionIds());
    }

    @Test
    void a_practised_story_is_rolled_up_with_its_title_and_a_practised_section_says_when_as_text() {
        var result = query.readiness("alice", "star", null, 0);

        assertThat(result.stories()).singleElement().satisfies(story -> {
            assertThat(story.storyId()).isEqualTo("oncall-pages");
            assertThat(story.title()).isEqualTo(SampleEvents.aStoryCreated().getTitle());
            assertThat(story.rubric()).isEqualTo("star");
        });
        assertThat(result.rubrics().get(0).sections()).filteredOn(s -> s.section().equals("action")).singleElement()
                .satisfies(s -> assertThat(s.lastPracticedAt()).isEqualTo(SampleEvents.MONDAY.plus(Duration.ofDays(1))
                        .toString()));
    }

    @Test
    void as_of_an_earlier_time_it_equals_the_fold_of_what_had_happened_by_then_backdated_events_included() {
        PracticeAttemptLogged late = SampleEvents.anAttemptOnTheStory();
        late.setAttemptId("attempt-late");
        late.setSelfScore(5);
        Envelope backdated = SampleEvents.envelope("alice", 5, late);
        backdated.setOccurredAt(SampleEvents.MONDAY.plus(Duration.ofHours(12)));
        models.given(List.of(backdated));
        List<Envelope> log = new ArrayList<>(SampleEvents.oneOfEachType("alice").subList(0, 5));
        log.add(backdated);

        Instant asOf = SampleEvents.MONDAY.plus(Duration.ofHours(30));
        CandidateEvidence direct = CandidateEvidence.NONE;
        for (Envelope event : log) {
            if (!event.getOccurredAt().isAfter(asOf)) {
                direct = ReadinessFold.apply(direct, EventCodec.decode(event), RULES);
            }
        }
        var expected = ReadinessReport.of(direct, RULES, asOf, null);

        var result = query.readiness("alice", null, asOf.toString(), 6);
        assertThat(result.rubrics()).extracting(ReadinessResult.RubricResult::score)
                .containsExactlyElementsOf(expected.rubrics().stream().map(r -> r.score()).toList());
        assertThat(result.rubrics().get(0).sections()).extracting(ReadinessResult.SectionResult::attempts)
                .containsExactlyElementsOf(expected.rubrics().get(0).sections().stream().map(s -> s.attempts()).toList());
        assertThat(result.rubrics().get(0).sections()).filteredOn(s -> s.section().equals("action")).singleElement()
                .satisfies(s -> assertThat(s.attempts()).isEqualTo(2));
    }

    @Test
    void a_position_not_reached_is_not_answered() {
        assertThatThrownBy(() -> query.readiness("alice", null, null, 99))
                .isInstanceOf(PositionNotReachedException.class);
    }
}
