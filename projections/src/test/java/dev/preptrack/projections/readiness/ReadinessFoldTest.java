package dev.preptrack.projections.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preptrack.events.Envelope;
import dev.preptrack.events.FeedbackReceived;
import dev.preptrack.events.FeedbackSource;
import dev.preptrack.events.FeedbackSourceRole;
import dev.preptrack.rules.Rules;
import dev.preptrack.rules.RulesLoader;
import dev.preptrack.schemas.SampleEvents;
import dev.preptrack.schemas.codec.EventCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadinessFoldTest {

    private static final Rules RULES = RulesLoader.defaults();

    @Test
    void unscored_praise_on_a_section_is_not_open_criticism_but_an_unscored_request_is() {
        List<Envelope> log = new ArrayList<>(SampleEvents.oneOfEachType("c").subList(0, 2));
        log.add(feedback(3, "praise", "great, clear and concise"));
        log.add(feedback(4, "request", "numbers? 40% of what?"));

        CandidateEvidence evidence = CandidateEvidence.NONE;
        for (Envelope event : log) {
            evidence = ReadinessFold.apply(evidence, EventCodec.decode(event), RULES);
        }
        var rubric = RULES.rubric("star").orElseThrow();
        var result = new ReadinessCalculator(RULES.readiness()).section(evidence, rubric,
                rubric.section("result").orElseThrow(), SampleEvents.MONDAY.plus(Duration.ofDays(5)));

        assertThat(result.openFeedback()).containsExactly("request");
    }

    @Test
    void praise_words_do_not_hide_a_low_score() {
        List<Envelope> log = new ArrayList<>(SampleEvents.oneOfEachType("c").subList(0, 2));
        Envelope low = feedback(3, "low", "great energy. the ending dragged");
        ((FeedbackReceived) low.getPayload()).setScore(1);
        log.add(low);

        CandidateEvidence evidence = CandidateEvidence.NONE;
        for (Envelope event : log) {
            evidence = ReadinessFold.apply(evidence, EventCodec.decode(event), RULES);
        }
        var rubric = RULES.rubric("star").orElseThrow();
        assertThat(new ReadinessCalculator(RULES.readiness()).section(evidence, rubric,
                rubric.section("result").orElseThrow(), SampleEvents.MONDAY.plus(Duration.ofDays(5))).openFeedback())
                .containsExactly("low");
    }

    @Test
    void a_rubric_names_the_sections_that_pull_it_down_weakest_first() {
        CandidateEvidence evidence = CandidateEvidence.NONE;
        for (Envelope event : SampleEvents.oneOfEachType("c").subList(0, 3)) {
            evidence = ReadinessFold.apply(evidence, EventCodec.decode(event), RULES);
        }
        var report = ReadinessReport.of(evidence, RULES, SampleEvents.MONDAY.plus(Duration.ofDays(3)), "star");
        var star = report.rubrics().get(0);
        var weakestBelow = star.sections().stream().filter(s -> s.score() < star.score())
                .min(java.util.Comparator.comparingInt(SectionReadiness::score)).orElseThrow();

        assertThat(star.reasons()).anySatisfy(reason -> assertThat(reason)
                .startsWith("pulling it down: " + weakestBelow.section() + " " + weakestBelow.score()));
        assertThat(ReadinessReport.of(CandidateEvidence.NONE, RULES, SampleEvents.MONDAY, "star").rubrics().get(0)
                .reasons()).containsExactly("not practiced yet");
    }

    @Test
    void reasons_print_numbers_as_a_person_reads_them() {
        assertThat(ReadinessCalculator.decimals(2.25, 1)).isEqualTo("2.3");
        assertThat(ReadinessCalculator.decimals(0.04, 1)).isEqualTo("0.0");
        assertThat(ReadinessCalculator.decimals(-1.26, 1)).isEqualTo("-1.3");
        assertThat(ReadinessCalculator.decimals(63.5, 0)).isEqualTo("64");
    }

    private static Envelope feedback(int day, String id, String text) {
        var event = SampleEvents.envelope("c", day, FeedbackReceived.newBuilder().setFeedbackId(id).setStoryId("oncall-pages")
                .setRubric("star").setSection("result").setSource(new FeedbackSource("anna", FeedbackSourceRole.COACH))
                .setText(text).build());
        event.setSequence(10L + day);
        return event;
    }
}
