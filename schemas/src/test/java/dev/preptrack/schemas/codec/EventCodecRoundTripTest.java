package dev.preptrack.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preptrack.domain.event.AccessGranted;
import dev.preptrack.domain.event.AccessRevoked;
import dev.preptrack.domain.event.Actor;
import dev.preptrack.domain.event.Event;
import dev.preptrack.domain.event.FeedbackReceived;
import dev.preptrack.domain.event.FeedbackThemeNamed;
import dev.preptrack.domain.event.FeedbackThemesCorrected;
import dev.preptrack.domain.event.FeedbackTriaged;
import dev.preptrack.domain.event.Payload;
import dev.preptrack.domain.event.PracticeAttemptLogged;
import dev.preptrack.domain.event.StoryCreated;
import dev.preptrack.domain.event.StoryEdited;
import dev.preptrack.domain.event.StoryRetired;
import dev.preptrack.events.Envelope;
import dev.preptrack.schemas.SampleEvents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Example;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Every payload type survives domain → Avro binary → domain unchanged, nulls and empty
 * collections included, so the codec can stand between the domain and the log; and domain →
 * export line ({@link ExportFormat}) → domain, so an export restores exactly. (Map order does
 * not survive: Avro maps are unordered on the wire, which is why readers order sections by the
 * rubric, never by how they were sent.)
 */
class EventCodecRoundTripTest {

    @Property(tries = 200)
    void a_story_created_round_trips(@ForAll("storiesCreated") StoryCreated payload) throws IOException {
        assertRoundTrips(payload);
    }

    @Property(tries = 200)
    void a_story_edited_round_trips(@ForAll("storiesEdited") StoryEdited payload) throws IOException {
        assertRoundTrips(payload);
    }

    @Property(tries = 100)
    void a_story_retired_round_trips(@ForAll("ids") String storyId, @ForAll("maybeTexts") String reason)
            throws IOException {
        assertRoundTrips(new StoryRetired(storyId, reason));
    }

    @Property(tries = 200)
    void a_practice_attempt_round_trips(@ForAll("attempts") PracticeAttemptLogged payload) throws IOException {
        assertRoundTrips(payload);
    }

    @Property(tries = 200)
    void a_feedback_item_round_trips(@ForAll("feedback") FeedbackReceived payload) throws IOException {
        assertRoundTrips(payload);
    }

    @Property(tries = 100)
    void a_triage_round_trips(@ForAll("ids") String feedbackId, @ForAll FeedbackTriaged.Decision decision,
            @ForAll("maybeTexts") String note) throws IOException {
        assertRoundTrips(new FeedbackTriaged(feedbackId, decision, note));
    }

    @Property(tries = 100)
    void a_correction_of_themes_round_trips(@ForAll("ids") String feedbackId, @ForAll("themeIds") List<String> themes,
            @ForAll("maybeTexts") String note) throws IOException {
        assertRoundTrips(new FeedbackThemesCorrected(feedbackId, themes, note));
    }

    @Property(tries = 100)
    void a_named_theme_round_trips(@ForAll("ids") String theme, @ForAll("ids") String title,
            @ForAll("themeIds") List<String> feedbackIds, @ForAll("maybeTexts") String note) throws IOException {
        assertRoundTrips(new FeedbackThemeNamed(theme, title, feedbackIds, note));
    }

    @Example
    void a_title_names_one_theme_however_it_is_cased_and_punctuated() {
        assertThat(FeedbackThemeNamed.idOf("Requirements gathering")).isEqualTo("requirements-gathering");
        assertThat(FeedbackThemeNamed.idOf("  requirements-Gathering! ")).isEqualTo("requirements-gathering");
        assertThat(FeedbackThemeNamed.idOf("Métriques & SLOs")).isEqualTo("métriques-slos");
        assertThat(FeedbackThemeNamed.idOf("?!")).isEmpty();
    }

    @Provide
    Arbitrary<List<String>> themeIds() {
        return ids().list().ofMaxSize(4);
    }

    @Property(tries = 100)
    void an_access_grant_and_revocation_round_trip(@ForAll("ids") String grantee, @ForAll Actor.Role role)
            throws IOException {
        assertRoundTrips(new AccessGranted(grantee, role));
        assertRoundTrips(new AccessRevoked(grantee));
    }

    @Example
    void every_sample_envelope_decodes_and_encodes_to_itself() {
        for (Envelope envelope : SampleEvents.oneOfEachType("cand-codec")) {
            assertThat(EventCodec.encode(EventCodec.decode(envelope))).isEqualTo(envelope);
        }
    }

    private static void assertRoundTrips(Payload payload) throws IOException {
        var event = new Event("e-1", "cand-1", 7, Instant.ofEpochMilli(1_790_000_000_000L),
                Instant.ofEpochMilli(1_790_000_001_000L), new Actor("cand-1", Actor.Role.CANDIDATE), "key-1", payload);
        Envelope decodedFromBytes = throughBinary(EventCodec.encode(event));
        Event back = EventCodec.decode(decodedFromBytes);
        assertThat(back).isEqualTo(event);
        // And through the export's plain JSON line, the other form an event leaves preptrack in.
        String line = ExportFormat.line(EventCodec.encode(event));
        assertThat(EventCodec.decode(ExportFormat.parse(line))).isEqualTo(event);
    }

    private static Envelope throughBinary(Envelope envelope) throws IOException {
        var bytes = new ByteArrayOutputStream();
        var encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new SpecificDatumWriter<>(Envelope.class).write(envelope, encoder);
        encoder.flush();
        return new SpecificDatumReader<>(Envelope.class).read(null,
                DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
    }

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('-').ofMinLength(1).ofMaxLength(20);
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().ofMaxLength(60);
    }

    @Provide
    Arbitrary<String> maybeTexts() {
        return texts().injectNull(0.3);
    }

    private Arbitrary<Integer> maybeScores() {
        return Arbitraries.integers().between(1, 5).injectNull(0.3);
    }

    @Provide
    Arbitrary<StoryCreated> storiesCreated() {
        return Combinators.combine(ids(), texts(), ids(), Arbitraries.maps(ids(), texts()).ofMaxSize(6),
                texts().list().ofMaxSize(4), texts().injectNull(0.5), texts().list().ofMaxSize(3)).as(StoryCreated::new);
    }

    @Provide
    Arbitrary<StoryEdited> storiesEdited() {
        return Combinators.combine(ids(), Arbitraries.integers().between(1, 50),
                Arbitraries.maps(ids(), texts()).ofMaxSize(6), ids().list().ofMaxSize(3), maybeTexts())
                .as((story, version, sections, addressed, note) ->
                        new StoryEdited(story, version, version + 1, sections, addressed, note));
    }

    @Provide
    Arbitrary<PracticeAttemptLogged> attempts() {
        Arbitrary<PracticeAttemptLogged.SectionPractice> section = Combinators.combine(ids(),
                Arbitraries.integers().between(0, 14_400), maybeScores()).as(PracticeAttemptLogged.SectionPractice::new);
        return Combinators.combine(ids(), ids().injectNull(0.3), Arbitraries.integers().between(1, 9).injectNull(0.3),
                ids(), maybeTexts(), Arbitraries.of(PracticeAttemptLogged.Mode.class), maybeScores(),
                section.list().ofMaxSize(5)).as(PracticeAttemptLogged::new);
    }

    @Provide
    Arbitrary<FeedbackReceived> feedback() {
        Arbitrary<FeedbackReceived.Source> source = Combinators.combine(texts(),
                Arbitraries.of(FeedbackReceived.Source.Role.class)).as(FeedbackReceived.Source::new);
        return Combinators.combine(ids(), source, texts(), ids().injectNull(0.5), ids().injectNull(0.5),
                ids().injectNull(0.5), ids().injectNull(0.5), maybeScores()).as(FeedbackReceived::new);
    }
}
