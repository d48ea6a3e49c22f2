package dev.preptrack.projections.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preptrack.events.Envelope;
import dev.preptrack.projections.CandidateStories;
import dev.preptrack.rules.RulesLoader;
import dev.preptrack.schemas.SampleEvents;
import dev.preptrack.schemas.TestDriverProperties;
import dev.preptrack.schemas.serde.PlainAvroSerde;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StoryHistoryTest {

    /** The drivers' state directory, this test's own ({@link TestDriverProperties#isolated}). */
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, Envelope> events;
    private KeyValueStore<String, CandidateStories> store;

    @BeforeEach
    void startTopology() {
        var props = TestDriverProperties.isolated("story-history-test", stateDir);
        driver = new TopologyTestDriver(StoryHistory.build(new EventsSource("events", Serdes.String(),
                PlainAvroSerde.of(Envelope.class)), PlainAvroSerde.of(CandidateStories.class), RulesLoader.defaults()), props);
        events = driver.createInputTopic("events", Serdes.String().serializer(),
                PlainAvroSerde.of(Envelope.class).serializer());
        store = driver.getKeyValueStore(StoryHistory.STORE);
    }

    @AfterEach
    void closeTopology() {
        driver.close();
    }

    @Test
    void each_candidate_has_their_own_story_bank_in_the_named_store() {
        pipe(SampleEvents.oneOfEachType("alice").subList(0, 4));
        pipe(SampleEvents.oneOfEachType("bob").subList(0, 1));

        assertThat(store.get("alice").getStories().get("oncall-pages").getVersion()).isEqualTo(2);
        assertThat(store.get("alice").getSequence()).isEqualTo(4L);
        assertThat(store.get("bob").getStories().get("oncall-pages").getVersion()).isEqualTo(1);
        assertThat(store.get("carol")).isNull();
    }

    @Test
    void a_redelivered_event_leaves_the_bank_as_it_was() {
        List<Envelope> week = SampleEvents.oneOfEachType("alice");
        pipe(week.subList(0, 4));
        CandidateStories before = store.get("alice");

        pipe(week.subList(2, 4));

        assertThat(store.get("alice")).isEqualTo(before);
    }

    private void pipe(List<Envelope> batch) {
        batch.forEach(event -> events.pipeInput(event.getCandidateId(), event));
    }
}
