package dev.preptrack.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preptrack.backbone.TestKafka;
import dev.preptrack.commands.Command;
import dev.preptrack.events.Envelope;
import dev.preptrack.events.StoryEdited;
import dev.preptrack.schemas.Subjects;
import dev.preptrack.schemas.serde.SpecificAvroDeserializer;
import dev.preptrack.schemas.serde.SpecificAvroSerde;
import dev.preptrack.tracker.Commands;
import dev.preptrack.tracker.kafka.CommandCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The write API against the real app: real HTTP, the real single writer, the real broker. */
@Tag("integration")
@Timeout(300)
class WriteApiTest {

    private static final AtomicInteger CANDIDATES = new AtomicInteger();

    @RegisterExtension
    static final RunningPreptrack RUNNING = new RunningPreptrack();
    static Preptrack preptrack;
    static Api api;

    @BeforeAll
    static void connect() {
        preptrack = RUNNING.preptrack();
        api = RUNNING.api();
    }

    @Test
    void a_story_written_is_read_back_at_the_position_the_write_returned() {
        String candidate = aCandidate();

        var created = api.post(path(candidate, "/stories"), aStory("oncall"));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.json().path("eventId").asText()).isNotBlank();

        var read = api.get(path(candidate, "/stories/oncall?after=" + created.json().path("position").asText()));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("version").asInt()).isEqualTo(1);
        assertThat(read.json().path("sections").path("situation").asText()).isEqualTo("Checkout paged 40 times a week");
    }

    @Test
    void of_two_concurrent_edits_of_the_same_version_exactly_one_wins() throws Exception {
        String candidate = aCandidate();
        api.post(path(candidate, "/stories"), aStory("oncall"));
        var barrier = new CyclicBarrier(2);
        var pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Api.Answer>> answers = new ArrayList<>();
            for (String text : List.of("first rewrite", "second rewrite")) {
                Api connection = api.otherConnection();
                Callable<Api.Answer> edit = () -> {
                    barrier.await();
                    return connection.put(path(candidate, "/stories/oncall"),
                            "{\"sections\": {\"action\": \"" + text + "\"}}", "If-Match", "\"1\"");
                };
                answers.add(pool.submit(edit));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Api.Answer> answer : answers) {
                statuses.add(answer.get().status());
            }

            assertThat(statuses).containsExactlyInAnyOrder(200, 409);
            Api.Answer loser = answers.get(statuses.indexOf(409)).get();
            assertThat(loser.json().path("currentVersion").asInt()).isEqualTo(2);
            assertThat(loser.contentType()).startsWith("application/problem+json");
            assertThat(EventLog.events(preptrack, candidate)).filteredOn(event -> event.getPayload() instanceof StoryEdited)
                    .hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_retried_command_returns_the_original_result_and_appends_once() {
        String candidate = aCandidate();
        String body = anAttempt();

        var first = api.post(path(candidate, "/attempts"), body, "Idempotency-Key", "retry-1");
        var again = api.post(path(candidate, "/attempts"), body, "Idempotency-Key", "retry-1");

        assertThat(first.status()).as("%s", first).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().path("eventId")).isEqualTo(first.json().path("eventId"));
        assertThat(again.json().path("position")).isEqualTo(first.json().path("position"));
        assertThat(again.json().path("replayed").asBoolean()).isTrue();
        assertThat(EventLog.events(preptrack, candidate)).hasSize(1);
    }

    @Test
    void the_same_key_with_a_different_body_is_refused_and_appends_nothing() {
        String candidate = aCandidate();
        api.post(path(candidate, "/attempts"), anAttempt(), "Idempotency-Key", "reused");

        var other = api.post(path(candidate, "/attempts"), anAttempt().replace("\"solo\"", "\"peer-mock\""),
                "Idempotency-Key", "reused");

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json().path("reason").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(EventLog.events(preptrack, candidate)).hasSize(1);
    }

    @Test
    void an_edit_without_if_match_is_refused_with_428() {
        String candidate = aCandidate();
        api.post(path(candidate, "/stories"), aStory("oncall"));

        var edit = api.put(path(candidate, "/stories/oncall"), "{\"sections\": {\"action\": \"x\"}}");

        assertThat(edit.status()).isEqualTo(428);
        assertThat(edit.json().path("errors").get(0).path("field").asText()).isEqualTo("If-Match");
    }

    @Test
    void a_read_past_the_projection_within_its_deadline_is_refused_not_answered_stale() {
        String candidate = aCandidate();
        api.post(path(candidate, "/stories"), aStory("oncall"));

        var read = api.get(path(candidate, "/stories/oncall?after=999"));

        assertThat(read.status()).isEqualTo(503);
        assertThat(read.json().path("detail").asText()).contains("not yet 999");
    }

    @Test
    void the_history_exports_as_ndjson_that_reads_back_into_the_same_events() throws Exception {
        String candidate = aCandidate();
        List<String> eventIds = new ArrayList<>();
        eventIds.add(api.post(path(candidate, "/stories"), aStory("oncall")).json().path("eventId").asText());
        eventIds.add(api.post(path(candidate, "/attempts"), anAttempt()).json().path("eventId").asText());

        var export = api.get(path(candidate, "/events"));

        assertThat(export.status()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("application/x-ndjson");
        List<Envelope> read = new ArrayList<>();
        for (String line : export.body().lines().toList()) {
            read.add(dev.preptrack.schemas.codec.ExportFormat.parse(line));
        }
        assertThat(read).extracting(Envelope::getEventId).containsExactlyElementsOf(eventIds);
        assertThat(read).isEqualTo(EventLog.events(preptrack, candidate));
    }

    @Test
    void metrics_time_each_route_by_its_template_and_carry_kafka_streams_own() {
        String candidate = aCandidate();
        assertThat(api.post(path(candidate, "/stories"), aStory("oncall")).status()).isEqualTo(201);

        String metrics = api.get("/metrics").body();

        assertThat(metrics).containsPattern("preptrack_http_requests_seconds_count\\{method=\"POST\","
                + "route=\"/api/v1/candidates/\\{candidateId\\}/stories\",status=\"201\",?\\} [1-9]");
        // Routes are named by their template: no candidate's id ends up in a metric.
        assertThat(metrics).doesNotContain(candidate);
        assertThat(metrics).contains("application=\"writer\"").contains("application=\"projections-r1\"")
                .containsPattern("kafka_stream_\\w+\\{");
    }

    @Test
    void commands_waiting_together_are_decided_in_one_writer_transaction_or_two_at_most() {
        String candidate = aCandidate();
        int waiting = 20;
        // Committed in one transaction of their own, the commands become visible to the writer
        // (which reads read_committed) all at once: one poll hands it all twenty.
        Properties settings = preptrack.kafka().properties();
        settings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-waiting-" + candidate);
        var commands = new SpecificAvroSerde<>(TestInstances.registry(preptrack), Command.class);
        try (var producer = new KafkaProducer<>(settings, new StringSerializer(), commands.serializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < waiting; i++) {
                Command command = Command.newBuilder(CommandCodec.encode(Commands.command(Commands.aStarStory("s" + i))))
                        .setCandidateId(candidate).build();
                producer.send(new ProducerRecord<>(Subjects.COMMANDS_TOPIC, candidate, command));
            }
            producer.commitTransaction();
        }

        var events = new SpecificAvroDeserializer<>(TestInstances.registry(preptrack), Envelope.class);
        List<ConsumerRecord<String, Envelope>> log = Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> TestKafka.readAll(preptrack.kafka(), Subjects.EVENTS_TOPIC, events),
                        all -> all.stream().filter(event -> event.key().equals(candidate)).count() == waiting);
        List<ConsumerRecord<String, Envelope>> mine = log.stream().filter(event -> event.key().equals(candidate)).toList();

        // Each transaction ends with a commit marker, which takes an offset of the partition and is
        // never handed to a consumer: between the first and the last event, one transaction leaves
        // no gap, one per command leaves nineteen. The writer's timer (a safety net that commits
        // every 5 s) may split the batch once.
        long first = mine.get(0).offset();
        long last = mine.get(waiting - 1).offset();
        long inBetween = log.stream().filter(event -> event.partition() == mine.get(0).partition())
                .filter(event -> event.offset() >= first && event.offset() <= last).count();
        assertThat((last - first + 1) - inBetween).as("commit markers among the %d events", waiting).isLessThanOrEqualTo(1);
    }

    static String aCandidate() {
        return "cand-" + CANDIDATES.incrementAndGet();
    }

    static String path(String candidate, String rest) {
        return "/api/v1/candidates/" + candidate + rest;
    }

    static String aStory(String storyId) {
        return "{\"storyId\": \"" + storyId + "\", \"title\": \"On-call pages\", \"rubric\": \"star\", "
                + "\"sections\": {\"situation\": \"Checkout paged 40 times a week\"}}";
    }

    static String anAttempt() {
        return "{\"rubric\": \"star\", \"mode\": \"solo\", \"selfScore\": 3, "
                + "\"sections\": [{\"section\": \"situation\", \"seconds\": 50, \"selfScore\": 4}]}";
    }
}
