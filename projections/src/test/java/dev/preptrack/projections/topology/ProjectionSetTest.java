package dev.preptrack.projections.topology;

import dev.preptrack.events.Envelope;
import dev.preptrack.events.FeedbackReceived;
import dev.preptrack.events.FeedbackSource;
import dev.preptrack.events.FeedbackSourceRole;
import dev.preptrack.outputs.ReadinessSnapshot;
import dev.preptrack.outputs.ThemesSnapshot;
import dev.preptrack.projections.CandidateFeedback;
import dev.preptrack.projections.CandidateStories;
import dev.preptrack.projections.ReadinessEvidence;
import dev.preptrack.projections.readiness.EvidenceCodec;
import dev.preptrack.projections.readiness.ReadinessReport;
import dev.preptrack.projections.themes.ThemesReport;
import dev.preptrack.rules.Rules;
import dev.preptrack.rules.RulesLoader;
import dev.preptrack.schemas.SampleEvents;
import dev.preptrack.schemas.Subjects;
import dev.preptrack.schemas.TestDriverProperties;
import dev.preptrack.schemas.serde.PlainAvroSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;


/** A whole projection set under TopologyTestDriver: one source, every projection's named store and output. */
class ProjectionSetTest {

    /** The drivers' state directory, this test's own ({@link TestDriverProperties#isolated}). */
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path stateDir;

    private static final Rules RULES = RulesLoader.defaults();

    private TopologyTestDriver driver;
    private TestInputTopic<String, Envelope> events;

    @BeforeEach
    void startTopology() {
        var props = TestDriverProperties.isolated("projections-test", stateDir);
        driver = new TopologyTestDriver(ProjectionSet.build(wiring(), RULES), props);
        events = driver.createInputTopic("events", Serdes.String().serializer(), PlainAvroSerde.of(Envelope.class).serializer());
    }

    private static ProjectionSet.Wiring wiring() {
        return new ProjectionSet.Wiring(new EventsSource("events", Serdes.String(), PlainAvroSerde.of(Envelope.class)),
                PlainAvroSerde.of(CandidateStories.class), PlainAvroSerde.of(ReadinessEvidence.class),
                PlainAvroSerde.of(CandidateFeedback.class), PlainAvroSerde.of(ReadinessSnapshot.class),
                PlainAvroSerde.of(ThemesSnapshot.class));
    }

    @AfterEach
    void closeTopology() {
        driver.close();
    }

    @Test
    void one_week_reaches_every_store_per_candidate() {
        pipe(SampleEvents.oneOfEachType("alice").subList(0, 4));
        pipe(SampleEvents.oneOfEachType("bob").subList(0, 2));

        CandidateStories stories = driver.<String, CandidateStories>getKeyValueStore(StoryHistory.STORE).get("alice");
        assertThat(stories.getStories().get("oncall-pages").getVersion()).isEqualTo(2);

        ReadinessEvidence evidence = driver.<String, ReadinessEvidence>getKeyValueStore(ReadinessBySection.STORE).get("bob");
        var report = ReadinessReport.of(EvidenceCodec.fromRecord(evidence), RULES, SampleEvents.MONDAY.plus(Duration.ofDays(2)),
                "star");
        assertThat(report.rubrics().get(0).sections()).filteredOn(s -> s.section().equals("action"))
                .singleElement().satisfies(s -> assertThat(s.attempts()).isEqualTo(1));
        assertThat(report.stories()).singleElement().satisfies(story -> assertThat(story.storyId()).isEqualTo("oncall-pages"));

        CandidateFeedback feedback = driver.<String, CandidateFeedback>getKeyValueStore(RecurringFeedbackThemes.STORE).get("alice");
        assertThat(feedback.getItems().get("fb-1").getThemes()).containsExactly("technical-depth");
        assertThat(driver.<String, CandidateFeedback>getKeyValueStore(RecurringFeedbackThemes.STORE).get("bob").getItems())
                .isEmpty();
    }

    @Test
    void readers_of_the_read_models_stores_share_one_decoding_until_the_candidate_changes() {
        List<Envelope> week = SampleEvents.oneOfEachType("alice");
        pipe(week.subList(0, 3)); // a story, an attempt on it, feedback: a value in each store
        List<String> stores = List.of(StoryHistory.STORE, ReadinessBySection.STORE, RecurringFeedbackThemes.STORE);
        for (String name : stores) {
            var store = driver.<String, Object>getKeyValueStore(name);
            Object read = SharedReads.reading("alice", () -> store.get("alice"));
            assertThat(read).as(name).isNotNull();
            assertThat(SharedReads.reading("alice", () -> store.get("alice"))).as(name).isSameAs(read);
            // What a fold reads is its own to change.
            assertThat(store.get("alice")).as(name).isNotSameAs(read).isEqualTo(read);
        }
        CandidateStories before = SharedReads.reading("alice",
                () -> driver.<String, CandidateStories>getKeyValueStore(StoryHistory.STORE).get("alice"));

        pipe(week.subList(3, 4)); // the story edited

        CandidateStories after = SharedReads.reading("alice",
                () -> driver.<String, CandidateStories>getKeyValueStore(StoryHistory.STORE).get("alice"));
        assertThat(after.getSequence()).isGreaterThan(before.getSequence());
        assertThat(after.getStories().get("oncall-pages").getVersion()).isEqualTo(2);
        for (String name : stores) {
            var store = driver.<String, Object>getKeyValueStore(name);
            assertThat(SharedReads.reading("alice", () -> store.get("alice"))).as(name).isEqualTo(store.get("alice"));
        }
    }

    @Test
    void themes_count_what_two_sources_said_across_sessions() {
        List<Envelope> log = new ArrayList<>(SampleEvents.oneOfEachType("carol").subList(0, 2));
        log.add(feedback(2, "f-a", "coach anna", "numbers? 40% of what?"));
        log.add(feedback(3, "f-b", "peer bo", "how much did it save, roughly?"));
        log.add(feedback(4, "f-c", "peer bo", "the camera angle was odd"));
        pipe(log);

        var report = ThemesReport.of(driver.<String, CandidateFeedback>getKeyValueStore(RecurringFeedbackThemes.STORE)
                .get("carol"), RULES.themes(), SampleEvents.MONDAY.plus(Duration.ofDays(5)));

        assertThat(report.themes()).first().satisfies(theme -> {
            assertThat(theme.theme()).isEqualTo("impact-metrics");
            assertThat(theme.count()).isEqualTo(2);
            assertThat(theme.sources()).isEqualTo(2);
            assertThat(theme.recurring()).isTrue();
        });
    }

    @Test
    void every_change_is_published_to_the_compacted_outputs_keyed_by_candidate() {
        var readiness = driver.createOutputTopic(Subjects.readinessTopic(1), Serdes.String().deserializer(),
                PlainAvroSerde.of(ReadinessSnapshot.class).deserializer());
        var themes = driver.createOutputTopic(Subjects.themesTopic(1), Serdes.String().deserializer(),
                PlainAvroSerde.of(ThemesSnapshot.class).deserializer());
        var stories = driver.createOutputTopic(Subjects.storiesTopic(1), Serdes.String().deserializer(),
                PlainAvroSerde.of(CandidateStories.class).deserializer());
        List<Envelope> week = SampleEvents.oneOfEachType("dora").subList(0, 4);
        pipe(week);
        pipe(week.subList(2, 4)); // redelivered: changes nothing, publishes nothing

        var latestReadiness = readiness.readKeyValuesToMap().get("dora");
        assertThat(latestReadiness.getSequence()).isEqualTo(4L);
        // As of the latest moment the folded history names (the edit that addressed the feedback), not a clock.
        assertThat(latestReadiness.getAsOf()).isEqualTo(week.get(3).getOccurredAt());
        assertThat(latestReadiness.getRubrics()).extracting(r -> r.getRubric()).containsExactlyElementsOf(RULES.rubricIds());
        assertThat(latestReadiness.getStories()).extracting(s -> s.getStoryId()).containsExactly("oncall-pages");

        var themeRecords = themes.readKeyValuesToList();
        assertThat(themeRecords).hasSize(4);
        assertThat(themeRecords.get(3).value.getThemes()).extracting(t -> t.getTheme()).containsExactly("technical-depth");
        assertThat(stories.readKeyValuesToMap().get("dora").getStories().get("oncall-pages").getVersion()).isEqualTo(2);
    }

    @Test
    void a_rebuilding_set_publishes_nothing_until_it_has_caught_up_then_each_candidate_once_as_a_live_set_would() {
        var props = TestDriverProperties.isolated("projections-rebuild-test", stateDir);
        OutputGate gate = OutputGate.closed();
        List<Envelope> log = new ArrayList<>(SampleEvents.oneOfEachType("erin").subList(0, 4));
        log.addAll(SampleEvents.oneOfEachType("finn").subList(0, 3));
        pipe(log);
        var liveReadiness = driver.createOutputTopic(Subjects.readinessTopic(1), Serdes.String().deserializer(),
                PlainAvroSerde.of(ReadinessSnapshot.class).deserializer()).readKeyValuesToMap();
        var liveThemes = driver.createOutputTopic(Subjects.themesTopic(1), Serdes.String().deserializer(),
                PlainAvroSerde.of(ThemesSnapshot.class).deserializer()).readKeyValuesToMap();

        try (var rebuild = new TopologyTestDriver(ProjectionSet.build(wiring(), RULES, gate), props)) {
            var input = rebuild.createInputTopic("events", Serdes.String().serializer(),
                    PlainAvroSerde.of(Envelope.class).serializer());
            var readiness = rebuild.createOutputTopic(Subjects.readinessTopic(1), Serdes.String().deserializer(),
                    PlainAvroSerde.of(ReadinessSnapshot.class).deserializer());
            var themes = rebuild.createOutputTopic(Subjects.themesTopic(1), Serdes.String().deserializer(),
                    PlainAvroSerde.of(ThemesSnapshot.class).deserializer());
            var stories = rebuild.createOutputTopic(Subjects.storiesTopic(1), Serdes.String().deserializer(),
                    PlainAvroSerde.of(CandidateStories.class).deserializer());
            log.forEach(event -> input.pipeInput(event.getCandidateId(), event));
            rebuild.advanceWallClockTime(Duration.ofSeconds(5));
            assertThat(readiness.isEmpty()).as("closed: nothing published while rebuilding").isTrue();
            assertThat(themes.isEmpty()).isTrue();
            assertThat(stories.isEmpty()).isTrue();

            gate.open();
            rebuild.advanceWallClockTime(Duration.ofSeconds(2));

            var published = readiness.readKeyValuesToList();
            assertThat(published).extracting(kv -> kv.key).containsExactlyInAnyOrder("erin", "finn");
            assertThat(published).allSatisfy(kv -> assertThat(PlainAvroSerde.of(ReadinessSnapshot.class).serializer()
                    .serialize("t", kv.value)).isEqualTo(PlainAvroSerde.of(ReadinessSnapshot.class).serializer()
                    .serialize("t", liveReadiness.get(kv.key))));
            var publishedThemes = themes.readKeyValuesToList();
            assertThat(publishedThemes).hasSize(2)
                    .allSatisfy(kv -> assertThat(bytes(kv.value)).isEqualTo(bytes(liveThemes.get(kv.key))));
            assertThat(stories.readKeyValuesToList()).hasSize(2);
            // Open: from now on every change is published as it happens, and the catch-up is not repeated.
            input.pipeInput("erin", SampleEvents.oneOfEachType("erin").get(4));
            rebuild.advanceWallClockTime(Duration.ofSeconds(5));
            assertThat(readiness.readKeyValuesToList()).extracting(kv -> kv.key).containsOnly("erin");
        }
    }

    /** Avro's equality cannot compare the snapshots' instants; their encodings can be. */
    private static byte[] bytes(ThemesSnapshot snapshot) {
        return PlainAvroSerde.of(ThemesSnapshot.class).serializer().serialize("t", snapshot);
    }

    @Test
    void a_snapshot_includes_what_is_dated_after_it_was_recorded() {
        var themes = driver.createOutputTopic(Subjects.themesTopic(1), Serdes.String().deserializer(),
                PlainAvroSerde.of(ThemesSnapshot.class).deserializer());
        Envelope ahead = feedback(2, "f-ahead", "anna", "numbers?");
        ahead.setOccurredAt(ahead.getRecordedAt().plus(Duration.ofHours(20))); // a day of skew is accepted on writes
        pipe(List.of(ahead));

        var snapshot = themes.readKeyValuesToMap().get("carol");
        assertThat(snapshot.getAsOf()).isEqualTo(ahead.getOccurredAt());
        assertThat(snapshot.getThemes()).extracting(t -> t.getTheme()).containsExactly("impact-metrics");
    }

    private static Envelope feedback(int day, String id, String source, String text) {
        return SampleEvents.envelope("carol", day, FeedbackReceived.newBuilder().setFeedbackId(id)
                .setSource(new FeedbackSource(source, FeedbackSourceRole.PEER)).setText(text).build());
    }

    private void pipe(List<Envelope> batch) {
        batch.forEach(event -> events.pipeInput(event.getCandidateId(), event));
    }
}
