package dev.preptrack.projections.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preptrack.events.Actor;
import dev.preptrack.events.ActorRole;
import dev.preptrack.events.Envelope;
import dev.preptrack.events.FeedbackReceived;
import dev.preptrack.events.FeedbackSource;
import dev.preptrack.events.FeedbackSourceRole;
import dev.preptrack.events.FeedbackTriaged;
import dev.preptrack.events.PracticeAttemptLogged;
import dev.preptrack.events.PracticeMode;
import dev.preptrack.events.SectionPractice;
import dev.preptrack.events.StoryCreated;
import dev.preptrack.events.StoryEdited;
import dev.preptrack.events.TriageDecision;
import dev.preptrack.rules.Rubric;
import dev.preptrack.rules.Rules;
import dev.preptrack.rules.RulesLoader;
import dev.preptrack.rules.Section;
import dev.preptrack.schemas.codec.EventCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The readiness properties of RULES.md, over random histories of a STAR story. */
public class ReadinessPropertiesTest {

    private static final Rules RULES = RulesLoader.defaults();
    private static final Rubric STAR = RULES.rubric("star").orElseThrow();
    private static final ReadinessCalculator CALCULATOR = new ReadinessCalculator(RULES.readiness());
    private static final Instant START = Instant.parse("2026-09-01T08:00:00Z");
    private static final int WINDOW_DAYS = 60;
    private static final Instant END = START.plus(Duration.ofDays(WINDOW_DAYS));

    @Property(tries = 300)
    void more_good_practice_never_lowers_a_score(@ForAll("histories") List<Object[]> history,
            @ForAll @IntRange(max = 4) int sectionIndex, @ForAll @IntRange(max = WINDOW_DAYS * 24) int hour,
            @ForAll @IntRange(max = 30) int daysLater) {
        Section section = STAR.sections().get(sectionIndex);
        var goodRun = attempt("good", section.id(), section.budgetSeconds(), 5, at(hour));
        Instant asOf = END.plus(Duration.ofDays(daysLater));

        assertThat(score(with(history, goodRun), section, asOf)).isGreaterThanOrEqualTo(score(history, section, asOf));
    }

    @Property(tries = 300)
    void an_unaddressed_critical_feedback_item_never_raises_it(@ForAll("histories") List<Object[]> history,
            @ForAll @IntRange(max = 4) int sectionIndex, @ForAll @IntRange(max = WINDOW_DAYS * 24) int hour,
            @ForAll("criticalScores") Integer score, @ForAll FeedbackSourceRole role) {
        Section section = STAR.sections().get(sectionIndex);
        var criticism = feedback("critical", section.id(), score, role, at(hour));

        assertThat(score(with(history, criticism), section, END)).isLessThanOrEqualTo(score(history, section, END));
    }

    @Property(tries = 300)
    void time_without_practice_never_raises_it(@ForAll("histories") List<Object[]> history,
            @ForAll @IntRange(max = 4) int sectionIndex, @ForAll @IntRange(max = 200) int days,
            @ForAll @IntRange(min = 1, max = 200) int moreDays) {
        Section section = STAR.sections().get(sectionIndex);
        Instant earlier = END.plus(Duration.ofDays(days));

        assertThat(score(history, section, earlier.plus(Duration.ofDays(moreDays))))
                .isLessThanOrEqualTo(score(history, section, earlier));
    }

    @Property(tries = 300)
    void a_section_run_over_budget_lowers_timing(@ForAll("histories") List<Object[]> history,
            @ForAll @IntRange(max = 4) int sectionIndex, @ForAll @IntRange(max = WINDOW_DAYS * 24) int hour,
            @ForAll @IntRange(min = 1, max = 600) int overBy) {
        Section section = STAR.sections().get(sectionIndex);
        var overRun = attempt("over", section.id(), section.budgetSeconds() + overBy, null, at(hour));

        assertThat(readiness(with(history, overRun), section, END).components().get("timing"))
                .isLessThan(readiness(history, section, END).components().get("timing"));
    }

    @Property(tries = 300)
    void a_run_further_over_budget_lowers_timing_as_much_or_more(@ForAll("histories") List<Object[]> history,
            @ForAll @IntRange(max = 4) int sectionIndex, @ForAll @IntRange(max = WINDOW_DAYS * 24) int hour,
            @ForAll @IntRange(min = 1, max = 600) int overBy, @ForAll @IntRange(min = 1, max = 600) int further) {
        Section section = STAR.sections().get(sectionIndex);
        var littleOver = attempt("over", section.id(), section.budgetSeconds() + overBy, null, at(hour));
        var farOver = attempt("over", section.id(), section.budgetSeconds() + overBy + further, null, at(hour));

        assertThat(readiness(with(history, farOver), section, END).components().get("timing"))
                .isLessThanOrEqualTo(readiness(with(history, littleOver), section, END).components().get("timing"));
    }

    @Property(tries = 300)
    void a_section_not_reached_lowers_timing_and_is_not_a_repetition(@ForAll("histories") List<Object[]> history,
            @ForAll @IntRange(max = 4) int sectionIndex, @ForAll @IntRange(max = WINDOW_DAYS * 24) int hour) {
        Section section = STAR.sections().get(sectionIndex);
        SectionReadiness before = readiness(history, section, END);
        SectionReadiness after = readiness(with(history, attempt("ran-out", section.id(), 0, 4, at(hour))), section,
                END);

        assertThat(after.components().get("timing")).isLessThan(before.components().get("timing"));
        assertThat(after.attempts()).isEqualTo(before.attempts());
        assertThat(after.components().get("practice")).isEqualTo(before.components().get("practice"));
        assertThat(after.score()).isLessThanOrEqualTo(before.score());
    }

    @net.jqwik.api.Example
    void timing_weighs_how_far_over_and_the_answer_says_the_mean_overrun() {
        Section action = STAR.section("action").orElseThrow();
        int budget = action.budgetSeconds();
        var base = List.<Object[]>of(new Object[] {StoryCreated.newBuilder().setStoryId("s1").setTitle("t")
                .setRubric("star").setSections(Map.of()).setTags(List.of()).build(), START});

        SectionReadiness fiveSecondsOver = readiness(with(base, attempt("a", "action", budget + 5, 3, at(1))), action, END);
        SectionReadiness fiveMinutesOver = readiness(with(base, attempt("a", "action", budget + 300, 3, at(1))), action,
                END);
        SectionReadiness overAndUnder = readiness(with(with(base, attempt("a", "action", budget + 10, 3, at(1))),
                attempt("b", "action", budget - 20, 3, at(1))), action, END);
        SectionReadiness notReached = readiness(with(base, attempt("a", "action", 0, null, at(1))), action, END);

        assertThat(fiveSecondsOver.components().get("timing")).isGreaterThan(fiveMinutesOver.components().get("timing"));
        assertThat(fiveSecondsOver.overBudgetSeconds()).isEqualTo(5);
        assertThat(fiveMinutesOver.overBudgetSeconds()).isEqualTo(300);
        assertThat(overAndUnder.overBudgetSeconds()).isEqualTo(-5);
        assertThat(overAndUnder.reasons()).anyMatch(reason -> reason.contains("on average 5 s under"));
        assertThat(notReached.overBudgetSeconds()).isEqualTo(budget);
        assertThat(notReached.attempts()).isZero();
        assertThat(notReached.reasons()).anyMatch(reason -> reason.contains("not reached in 1 (time ran out)"));
        assertThat(readiness(base, action, END).overBudgetSeconds()).isNull();
    }

    @Property(tries = 300)
    void an_interviewers_low_score_moves_it_more_than_a_self_score(@ForAll("histories") List<Object[]> history,
            @ForAll @IntRange(max = 4) int sectionIndex, @ForAll @IntRange(max = WINDOW_DAYS * 24) int hour,
            @ForAll @IntRange(min = 1, max = 2) int lowScore) {
        Section section = STAR.sections().get(sectionIndex);
        var practiced = with(history, attempt("practiced", section.id(), 30, 3, at(hour)));
        SectionReadiness before = readiness(practiced, section, END);
        SectionReadiness byInterviewer = readiness(with(practiced,
                feedback("low", section.id(), lowScore, FeedbackSourceRole.INTERVIEWER, at(hour))), section, END);
        SectionReadiness bySelf = readiness(with(practiced,
                feedback("low", section.id(), lowScore, FeedbackSourceRole.SELF, at(hour))), section, END);

        assertThat(before.score() - byInterviewer.score()).isGreaterThanOrEqualTo(before.score() - bySelf.score());
        assertThat(byInterviewer.components().get("performance")).isLessThanOrEqualTo(bySelf.components().get("performance"));
        assertThat(byInterviewer.components().get("openFeedback")).isLessThan(bySelf.components().get("openFeedback"));
    }

    @Property(tries = 200)
    void the_order_in_which_backdated_events_arrive_changes_nothing(@ForAll("histories") List<Object[]> history,
            @ForAll long seed) {
        List<Object[]> shuffled = new ArrayList<>(history);
        Collections.shuffle(shuffled, new Random(seed));

        for (Section section : STAR.sections()) {
            assertThat(readiness(shuffled, section, END)).isEqualTo(readiness(history, section, END));
        }
    }

    @Provide
    Arbitrary<Integer> criticalScores() {
        return Arbitraries.integers().between(1, RULES.readiness().openFeedback().criticalMaxScore()).injectNull(0.3);
    }

    /** Histories as (payload, occurredAt) pairs; sequences are given in the order they are folded. */
    @Provide
    Arbitrary<List<Object[]>> histories() {
        return randomHistories();
    }

    /** Random valid histories of one STAR story, shared with the replay-equals-live property. */
    public static Arbitrary<List<Object[]>> randomHistories() {
        Arbitrary<Instant> when = Arbitraries.integers().between(0, WINDOW_DAYS * 24).map(ReadinessPropertiesTest::at);
        Arbitrary<String> section = Arbitraries.of(STAR.sectionIds());
        Arbitrary<Object[]> attempts = Combinators.combine(section, Arbitraries.integers().between(0, 200),
                Arbitraries.integers().between(1, 5).injectNull(0.3), when, Arbitraries.integers().between(0, 1_000_000))
                .as((s, seconds, score, at, n) -> attempt("a" + n, s, seconds, score, at));
        Arbitrary<Object[]> feedback = Combinators.combine(section, Arbitraries.integers().between(1, 5).injectNull(0.3),
                Arbitraries.of(FeedbackSourceRole.class), when, Arbitraries.integers().between(0, 20))
                .as((s, score, role, at, n) -> feedback("f" + n, s, score, role, at));
        Arbitrary<Object[]> edits = Combinators.combine(Arbitraries.integers().between(0, 20), when)
                .as((n, at) -> new Object[] {StoryEdited.newBuilder().setStoryId("s1").setExpectedVersion(1)
                        .setNewVersion(2).setChangedSections(Map.of()).setFeedbackAddressed(List.of("f" + n))
                        .setNote(null).build(), at});
        Arbitrary<Object[]> triage = Combinators.combine(Arbitraries.integers().between(0, 20),
                Arbitraries.of(TriageDecision.class), when)
                .as((n, decision, at) -> new Object[] {new FeedbackTriaged("f" + n, decision, null), at});
        // A person's word on an item's themes: praise (no longer open criticism), a weakness, or none.
        Arbitrary<Object[]> corrections = Combinators.combine(Arbitraries.integers().between(0, 20),
                Arbitraries.of(List.of("praise"), List.of("stakeholders"), List.<String>of()), when)
                .as((n, themes, at) -> new Object[] {new dev.preptrack.events.FeedbackThemesCorrected("f" + n,
                        new ArrayList<>(themes), null), at});
        // Items named as a theme of the candidate's own (an emerging cluster, say).
        Arbitrary<Object[]> namings = Combinators.combine(Arbitraries.integers().between(0, 20).set().ofMinSize(1)
                .ofMaxSize(3), Arbitraries.of("audio-setup", "requirements"), when)
                .as((ns, theme, at) -> new Object[] {new dev.preptrack.events.FeedbackThemeNamed(theme, theme,
                        ns.stream().sorted().map(n -> "f" + n).toList(), null), at});
        Arbitrary<Object[]> any = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, attempts), net.jqwik.api.Tuple.of(3, feedback),
                net.jqwik.api.Tuple.of(1, edits), net.jqwik.api.Tuple.of(1, triage),
                net.jqwik.api.Tuple.of(1, corrections), net.jqwik.api.Tuple.of(1, namings));
        return any.list().ofMaxSize(40).map(events -> {
            List<Object[]> history = new ArrayList<>();
            history.add(new Object[] {StoryCreated.newBuilder().setStoryId("s1").setTitle("t").setRubric("star")
                    .setSections(Map.of()).setTags(List.of()).build(), START});
            // The writer refuses a second feedback item with an existing id; so must a valid history.
            var feedbackIds = new java.util.HashSet<String>();
            for (Object[] event : events) {
                if (!(event[0] instanceof FeedbackReceived received) || feedbackIds.add(received.getFeedbackId())) {
                    history.add(event);
                }
            }
            return history;
        });
    }

    static Instant at(int hour) {
        return START.plus(Duration.ofHours(hour));
    }

    static Object[] attempt(String id, String section, int seconds, Integer score, Instant at) {
        return new Object[] {PracticeAttemptLogged.newBuilder().setAttemptId(id).setStoryId("s1").setStoryVersion(1)
                .setRubric("star").setPrompt(null).setMode(PracticeMode.SOLO).setSelfScore(null)
                .setSections(List.of(new SectionPractice(section, seconds, score))).build(), at};
    }

    static Object[] feedback(String id, String section, Integer score, FeedbackSourceRole role, Instant at) {
        return new Object[] {FeedbackReceived.newBuilder().setFeedbackId(id).setSource(new FeedbackSource("x", role))
                .setText("...").setStoryId("s1").setRubric(null).setSection(section).setScore(score).build(), at};
    }

    static List<Object[]> with(List<Object[]> history, Object[] event) {
        List<Object[]> more = new ArrayList<>(history);
        more.add(event);
        return more;
    }

    static CandidateEvidence fold(List<Object[]> history) {
        CandidateEvidence evidence = CandidateEvidence.NONE;
        long sequence = 0;
        for (Object[] event : history) {
            sequence++;
            evidence = ReadinessFold.apply(evidence, EventCodec.decode(Envelope.newBuilder().setEventId("e" + sequence)
                    .setCandidateId("c").setSequence(sequence).setOccurredAt((Instant) event[1])
                    .setRecordedAt((Instant) event[1]).setActor(new Actor("c", ActorRole.CANDIDATE))
                    .setCommandId("k" + sequence).setPayload(event[0]).build()), RULES);
        }
        return evidence;
    }

    static SectionReadiness readiness(List<Object[]> history, Section section, Instant asOf) {
        return CALCULATOR.section(fold(history), STAR, section, asOf);
    }

    static int score(List<Object[]> history, Section section, Instant asOf) {
        return readiness(history, section, asOf).score();
    }
}
