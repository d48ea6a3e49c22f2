package dev.preptrack.tracker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preptrack.domain.event.AccessGranted;
import dev.preptrack.domain.event.Actor;
import dev.preptrack.domain.event.Event;
import dev.preptrack.domain.event.FeedbackReceived;
import dev.preptrack.domain.event.FeedbackTriaged;
import dev.preptrack.domain.event.Payload;
import dev.preptrack.domain.event.PracticeAttemptLogged;
import dev.preptrack.domain.event.StoryRetired;
import dev.preptrack.schemas.serde.PlainAvroSerde;
import dev.preptrack.tracker.domain.AnsweredCommand;
import dev.preptrack.tracker.domain.CandidateCommand;
import dev.preptrack.tracker.domain.Command;
import dev.preptrack.tracker.domain.CommandResult;
import dev.preptrack.tracker.domain.KnownEntity;
import dev.preptrack.tracker.domain.Rejection;
import dev.preptrack.tracker.domain.WriteModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every command type, both kinds of result and every store value survive domain → Avro bytes →
 * domain unchanged: the write side's codec loses nothing on the commands and results topics or
 * in the single writer's stores.
 */
class CommandCodecRoundTripTest {

    private static final Instant AT = Instant.ofEpochMilli(1_790_000_000_000L);

    @Property(tries = 300)
    void every_command_type_round_trips(@ForAll("intents") CandidateCommand intent) {
        var command = new Command("key-1", "cand-1", "fp", new Actor("cand-1", Actor.Role.CANDIDATE), AT,
                AT.minusSeconds(60), intent);
        var serde = PlainAvroSerde.of(dev.preptrack.commands.Command.class);
        byte[] bytes = serde.serializer().serialize("t", CommandCodec.encode(command));

        assertThat(CommandCodec.decode(serde.deserializer().deserialize("t", bytes))).isEqualTo(command);
    }

    @Property(tries = 200)
    void results_and_what_the_writer_keeps_round_trip(@ForAll("results") CommandResult result,
            @ForAll("models") WriteModel model, @ForAll("entities") KnownEntity entity) {
        var results = PlainAvroSerde.of(dev.preptrack.commands.CommandResult.class);
        assertThat(CommandCodec.decode(results.deserializer().deserialize("t",
                results.serializer().serialize("t", CommandCodec.encode(result))))).isEqualTo(result);
        var answered = new AnsweredCommand("fp", result);
        var answers = PlainAvroSerde.of(dev.preptrack.commands.AnsweredCommand.class);
        assertThat(CommandCodec.decode(answers.deserializer().deserialize("t",
                answers.serializer().serialize("t", CommandCodec.encode(answered))))).isEqualTo(answered);
        var models = PlainAvroSerde.of(dev.preptrack.commands.CandidateWriteModel.class);
        assertThat(CommandCodec.decode(models.deserializer().deserialize("t",
                models.serializer().serialize("t", CommandCodec.encode(model))))).isEqualTo(model);
        var entities = PlainAvroSerde.of(dev.preptrack.commands.KnownEntity.class);
        assertThat(CommandCodec.decode(entities.deserializer().deserialize("t",
                entities.serializer().serialize("t", CommandCodec.encode(entity))))).isEqualTo(entity);
    }

    @Provide
    Arbitrary<CandidateCommand> intents() {
        Arbitrary<String> ids = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> texts = Arbitraries.strings().ofMaxLength(40);
        Arbitrary<String> maybe = texts.injectNull(0.3);
        Arbitrary<Integer> scores = Arbitraries.integers().between(1, 5).injectNull(0.3);
        var sections = Arbitraries.maps(ids, texts).ofMaxSize(5);
        var practice = Combinators.combine(ids, Arbitraries.integers().between(0, 14_400), scores)
                .as(PracticeAttemptLogged.SectionPractice::new).list().ofMaxSize(4);
        var source = Combinators.combine(texts, Arbitraries.of(FeedbackReceived.Source.Role.class))
                .as(FeedbackReceived.Source::new);
        return Arbitraries.oneOf(
                Combinators.combine(ids, texts, ids, sections, texts.list().ofMaxSize(3), maybe, texts.list().ofMaxSize(2))
                        .as(CandidateCommand.CreateStory::new),
                Combinators.combine(ids, Arbitraries.integers().between(1, 40), sections, ids.list().ofMaxSize(3), maybe)
                        .as(CandidateCommand.EditStory::new),
                Combinators.combine(ids, maybe).as(CandidateCommand.RetireStory::new),
                Combinators.combine(ids, ids.injectNull(0.4), Arbitraries.integers().between(1, 9).injectNull(0.4), ids,
                        maybe, Arbitraries.of(PracticeAttemptLogged.Mode.class), scores, practice)
                        .as(CandidateCommand.LogAttempt::new),
                Combinators.combine(ids, source, texts, ids.injectNull(0.5), ids.injectNull(0.5), ids.injectNull(0.5),
                        ids.injectNull(0.5), scores).as(CandidateCommand.RecordFeedback::new),
                Combinators.combine(ids, Arbitraries.of(FeedbackTriaged.Decision.class), maybe)
                        .as(CandidateCommand.TriageFeedback::new),
                Combinators.combine(ids, ids.list().ofMaxSize(3), maybe).as(CandidateCommand.CorrectThemes::new),
                Combinators.combine(ids, ids.list().ofMinSize(1).ofMaxSize(3), maybe).as(CandidateCommand.NameTheme::new),
                restores(ids, maybe));
    }

    /** A batch of exported events, each of a payload type a restore may carry. */
    private static Arbitrary<CandidateCommand> restores(Arbitrary<String> ids, Arbitrary<String> maybe) {
        Arbitrary<Payload> payloads = Arbitraries.oneOf(
                Combinators.combine(ids, maybe).as(StoryRetired::new),
                Combinators.combine(ids, Arbitraries.of(FeedbackTriaged.Decision.class), maybe).as(FeedbackTriaged::new),
                Combinators.combine(ids, Arbitraries.of(Actor.Role.class)).as(AccessGranted::new),
                Combinators.combine(ids, ids.list().ofMaxSize(3), maybe)
                        .as(dev.preptrack.domain.event.FeedbackThemesCorrected::new),
                Combinators.combine(ids, ids, ids.list().ofMinSize(1).ofMaxSize(3), maybe)
                        .as(dev.preptrack.domain.event.FeedbackThemeNamed::new));
        return Combinators.combine(ids, Arbitraries.longs().between(1, 900), payloads.list().ofMinSize(1).ofMaxSize(5))
                .as((commandId, first, batch) -> {
                    List<Event> events = new ArrayList<>();
                    for (int i = 0; i < batch.size(); i++) {
                        events.add(new Event("e-" + (first + i), "cand-1", first + i, AT.minusSeconds(3600 - i),
                                AT.minusSeconds(3000 - i), new Actor("coach-" + i, Actor.Role.COACH), commandId,
                                batch.get(i)));
                    }
                    return new CandidateCommand.RestoreEvents(events);
                });
    }

    @Provide
    Arbitrary<CommandResult> results() {
        Arbitrary<String> ids = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10);
        return Arbitraries.oneOf(
                Combinators.combine(ids, ids.list().ofMinSize(1).ofMaxSize(2), Arbitraries.longs().between(1, 1000),
                        ids.injectNull(0.2), Arbitraries.integers().between(1, 9).injectNull(0.5), Arbitraries.of(true, false))
                        .as((id, events, position, entity, version, replayed) ->
                                new CommandResult.Accepted(id, "cand-1", events, position, entity, version, replayed)),
                Combinators.combine(ids, Arbitraries.of(Rejection.Kind.class), ids.injectNull(0.2), ids,
                        Arbitraries.integers().between(1, 9).injectNull(0.5))
                        .as((id, kind, field, message, current) ->
                                new CommandResult.Rejected(id, "cand-1", new Rejection(kind, field, message, current))));
    }

    @Provide
    Arbitrary<WriteModel> models() {
        var story = Combinators.combine(Arbitraries.of("star", "project-retro"), Arbitraries.integers().between(1, 9),
                Arbitraries.of(true, false), Arbitraries.of(AT, null)).as(WriteModel.StoryState::new);
        return Combinators.combine(Arbitraries.longs().between(0, 500),
                Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8), story).ofMaxSize(4),
                Arbitraries.strings().alpha().ofLength(8).injectNull(0.3))
                .as(WriteModel::new);
    }

    @Provide
    Arbitrary<KnownEntity> entities() {
        return Combinators.combine(Arbitraries.of(KnownEntity.Kind.class),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8), Arbitraries.longs().between(1, 500),
                Arbitraries.of(AT, null)).as(KnownEntity::new);
    }
}
