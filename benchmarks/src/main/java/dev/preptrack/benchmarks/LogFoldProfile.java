package dev.preptrack.benchmarks;

import dev.preptrack.backbone.kafka.BackboneTopics;
import dev.preptrack.backbone.kafka.EmbeddedKafkaBroker;
import dev.preptrack.backbone.kafka.TopicProvisioner;
import dev.preptrack.events.Envelope;
import dev.preptrack.outputs.ReadinessSnapshot;
import dev.preptrack.outputs.ThemesSnapshot;
import dev.preptrack.projections.CandidateFeedback;
import dev.preptrack.projections.CandidateStories;
import dev.preptrack.projections.ReadinessEvidence;
import dev.preptrack.projections.feedback.FeedbackLogFold;
import dev.preptrack.projections.replay.LogRebuild;
import dev.preptrack.projections.topology.CatchUp;
import dev.preptrack.projections.topology.EventsSource;
import dev.preptrack.projections.topology.ProjectionSet;
import dev.preptrack.rules.RulesLoader;
import dev.preptrack.schemas.Subjects;
import dev.preptrack.schemas.serde.PlainAvroSerde;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The log fold alone ({@link LogRebuild}), in this process, on an in-JVM broker, over the replay
 * benchmark's generated history: to profile what bounds a rebuild without the rest of preptrack
 * (start it with {@code -XX:StartFlightRecording}). The registry's wire format is replaced by plain
 * Avro on both sides, which costs the same per record. Not a figure of docs/benchmarks.md.
 *
 * {@code mvn -B -pl benchmarks exec:java -Dbenchmark=dev.preptrack.benchmarks.LogFoldProfile -Dexec.args="100000"}
 */
public final class LogFoldProfile {

    private LogFoldProfile() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 100_000;
        var home = Files.createTempDirectory("preptrack-log-fold-profile");
        try (var broker = EmbeddedKafkaBroker.start(home, 0, Duration.ofSeconds(60), false)) {
            var kafka = broker.kafka();
            try (var admin = org.apache.kafka.clients.admin.Admin.create(kafka.properties())) {
                new TopicProvisioner(admin).ensure(List.of(new BackboneTopics(6, (short) 1).events()));
            }
            long written = ReplayBenchmark.generate(kafka, PlainAvroSerde.of(Envelope.class).serializer(), events);
            var wiring = new ProjectionSet.Wiring(new EventsSource(Subjects.EVENTS_TOPIC, Serdes.String(),
                    PlainAvroSerde.of(Envelope.class)), PlainAvroSerde.of(CandidateStories.class),
                    PlainAvroSerde.of(ReadinessEvidence.class), PlainAvroSerde.of(CandidateFeedback.class),
                    PlainAvroSerde.of(ReadinessSnapshot.class), PlainAvroSerde.of(ThemesSnapshot.class));
            LogRebuild.KnownClassifications known = LogRebuild.KnownClassifications.NONE;
            for (int run = 1; run <= 2; run++) {
                var rebuild = new LogRebuild(kafka, wiring, RulesLoader.defaults(), "profile-" + run,
                        CatchUp.endOffsets(kafka, Subjects.EVENTS_TOPIC), (short) 1, known);
                long started = System.nanoTime();
                rebuild.run();
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf(Locale.ROOT, "run %d: %,d events folded in %.1f s, %,.0f events/s%n", run, written,
                        seconds, written / seconds);
                // Run 2 is a rebuild under unchanged themes: it takes run 1's classifications, as a
                // rebuild takes the active set's, so that its profile is the fold's and not the classifier's.
                known = classificationsOf(kafka, wiring, "profile-1");
            }
        }
        System.exit(0);
    }

    /** The classifier's answers kept in a set's feedback store, read from that store's changelog. */
    private static LogRebuild.KnownClassifications classificationsOf(dev.preptrack.schemas.kafka.KafkaAccess kafka,
            ProjectionSet.Wiring wiring, String applicationId) {
        var props = kafka.properties();
        props.put("isolation.level", "read_committed");
        var topic = LogRebuild.changelogTopic(applicationId,
                dev.preptrack.projections.topology.RecurringFeedbackThemes.STORE);
        java.util.Map<Integer, java.util.Map<String, dev.preptrack.projections.themes.ThemeClassifier.Classification>>
                byPartition = new java.util.HashMap<>();
        var feedback = wiring.feedback().deserializer();
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(props,
                new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new org.apache.kafka.common.TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    FeedbackLogFold.classificationsIn(feedback.deserialize(topic, record.value()),
                            byPartition.computeIfAbsent(record.partition(), p -> new java.util.HashMap<>()));
                }
            }
        }
        return (partition, wanted) -> byPartition.getOrDefault(partition, java.util.Map.of());
    }
}
