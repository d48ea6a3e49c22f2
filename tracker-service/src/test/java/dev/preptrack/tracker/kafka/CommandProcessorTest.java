package dev.preptrack.tracker.kafka;

import static dev.preptrack.tracker.Commands.aStarStory;
import static dev.preptrack.tracker.Commands.anEditOf;
import static dev.preptrack.tracker.Commands.command;
import static org.assertj.core.api.Assertions.assertThat;

import dev.preptrack.commands.AnsweredCommand;
import dev.preptrack.commands.CandidateWriteModel;
import dev.preptrack.commands.Command;
import dev.preptrack.commands.CommandOutcome;
import dev.preptrack.commands.CommandResult;
import dev.preptrack.commands.KnownEntity;
import dev.preptrack.commands.RejectionKind;
import dev.preptrack.events.Envelope;
import dev.preptrack.rules.RulesLoader;
import dev.preptrack.schemas.TestDriverProperties;
import dev.preptrack.schemas.serde.PlainAvroSerde;
import dev.preptrack.tracker.Commands;
import dev.preptrack.tracker.domain.CommandDecider;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CommandProcessorTest {

    /** The drivers' state directory, this test's own ({@link TestDriverProperties#isolated}). */
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, Command> commands;
    private TestOutputTopic<String, Envelope> events;
    private TestOutputTopic<String, CommandResult> results;

    @BeforeEach
    void startTopology() {
        var wiring = new CommandProcessor.Wiring("commands", "events", "results", Serdes.String(),
                PlainAvroSerde.of(Command.class), PlainAvroSerde.of(Envelope.class),
                PlainAvroSerde.of(CommandResult.class), PlainAvroSerde.of(CandidateWriteModel.class),
                PlainAvroSerde.of(AnsweredCommand.class), PlainAvroSerde.of(KnownEntity.class));
        var props = TestDriverProperties.isolated("command-processor-test", stateDir);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(CommandProcessor.build(wiring, new CommandDecider(RulesLoader.defaults())), props);
        commands = driver.createInputTopic("commands", Serdes.String().serializer(),
                wiring.commands().serializer());
        events = driver.createOutputTopic("events", Serdes.String().deserializer(), wiring.events().deserializer());
        results = driver.createOutputTopic("results", Serdes.String().deserializer(), wiring.results().deserializer());
    }

    @AfterEach
    void closeTopology() {
        driver.close();
    }

    @Test
    void an_accepted_command_publishes_its_event_and_result_keyed_by_candidate() {
        commands.pipeInput(Commands.CANDIDATE, wire(command("k-1", aStarStory("s1"))));

        var event = events.readKeyValue();
        assertThat(event.key).isEqualTo(Commands.CANDIDATE);
        assertThat(event.value.getSequence()).isEqualTo(1L);
        var result = results.readKeyValue();
        assertThat(result.key).isEqualTo(Commands.CANDIDATE);
        assertThat(result.value.getOutcome()).isEqualTo(CommandOutcome.ACCEPTED);
        assertThat(result.value.getEventIds()).containsExactly(event.value.getEventId());
        assertThat(events.isEmpty()).isTrue();
        assertThat(results.isEmpty()).isTrue();
    }

    @Test
    void of_two_edits_of_the_same_version_only_the_first_is_appended() {
        commands.pipeInput(Commands.CANDIDATE, wire(command(aStarStory("s1"))));
        commands.pipeInput(Commands.CANDIDATE, wire(command(anEditOf("s1", 1))));
        commands.pipeInput(Commands.CANDIDATE, wire(command(anEditOf("s1", 1))));

        assertThat(events.readValuesToList()).extracting(Envelope::getSequence).containsExactly(1L, 2L);
        var answers = results.readValuesToList();
        assertThat(answers).extracting(CommandResult::getOutcome)
                .containsExactly(CommandOutcome.ACCEPTED, CommandOutcome.ACCEPTED, CommandOutcome.REJECTED);
        assertThat(answers.get(2).getRejection().getKind()).isEqualTo(RejectionKind.STALE_VERSION);
    }

    @Test
    void a_retried_command_is_answered_again_without_a_second_event() {
        Command create = wire(command("k-9", aStarStory("s1")));
        commands.pipeInput(Commands.CANDIDATE, create);
        commands.pipeInput(Commands.CANDIDATE, create);

        assertThat(events.readValuesToList()).hasSize(1);
        var answers = results.readValuesToList();
        assertThat(answers).hasSize(2);
        assertThat(answers.get(1).getReplayed()).isTrue();
        assertThat(answers.get(1).getEventIds()).isEqualTo(answers.get(0).getEventIds());
    }

    @Test
    void the_write_model_stays_small_and_each_answer_is_its_own_store_entry() {
        commands.pipeInput(Commands.CANDIDATE, wire(command("k-1", aStarStory("s1"))));
        commands.pipeInput(Commands.CANDIDATE, wire(command("k-2", Commands.anAttemptOn("s1", null))));

        KeyValueStore<String, CandidateWriteModel> models = driver.getKeyValueStore(CommandProcessor.WRITE_MODELS);
        assertThat(models.get(Commands.CANDIDATE).getStories()).containsOnlyKeys("s1");
        assertThat(models.get(Commands.CANDIDATE).getSequence()).isEqualTo(2L);
        KeyValueStore<String, AnsweredCommand> answered = driver.getKeyValueStore(CommandProcessor.ANSWERED_COMMANDS);
        assertThat(answered.get(CommandProcessor.entryKey(Commands.CANDIDATE, "k-1"))).isNotNull();
        assertThat(answered.get(CommandProcessor.entryKey("someone-else", "k-1"))).isNull();
        KeyValueStore<String, KnownEntity> known = driver.getKeyValueStore(CommandProcessor.KNOWN_ENTITIES);
        assertThat(known.approximateNumEntries()).isEqualTo(1);
    }

    @Test
    void the_same_idempotency_key_from_two_candidates_names_two_commands() {
        commands.pipeInput(Commands.CANDIDATE, wire(command("shared-key", aStarStory("s1"))));
        var other = Command.newBuilder(wire(command("shared-key", aStarStory("s1")))).setCandidateId("cand-2").build();
        commands.pipeInput("cand-2", other);

        assertThat(events.readValuesToList()).extracting(Envelope::getCandidateId).containsExactly(Commands.CANDIDATE, "cand-2");
        assertThat(results.readValuesToList()).extracting(CommandResult::getReplayed).containsExactly(false, false);
    }

    /** A domain command in its Avro form, as the gateway writes it to the commands topic. */
    private static Command wire(dev.preptrack.tracker.domain.Command command) {
        return CommandCodec.encode(command);
    }
}
