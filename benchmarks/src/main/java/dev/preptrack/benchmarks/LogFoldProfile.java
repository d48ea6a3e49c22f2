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
            for (int run = 1; run <= 2; run++) {
                var rebuild = new LogRebuild(kafka, wiring, RulesLoader.defaults(), "profile-" + run,
                        CatchUp.endOffsets(kafka, Subjects.EVENTS_TOPIC), (short) 1);
                long started = System.nanoTime();
                rebuild.run();
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf(Locale.ROOT, "run %d: %,d events folded in %.1f s, %,.0f events/s%n", run, written,
                        seconds, written / seconds);
            }
        }
        System.exit(0);
    }
}
