package dev.preptrack.backbone;

import dev.preptrack.backbone.kafka.BackboneTopics;
import dev.preptrack.backbone.registry.SchemaRegistryApi;
import dev.preptrack.events.Envelope;
import dev.preptrack.schemas.kafka.KafkaAccess;
import dev.preptrack.schemas.registry.SchemaRegistryClient;
import dev.preptrack.schemas.serde.SpecificAvroDeserializer;
import dev.preptrack.schemas.serde.SpecificAvroSerializer;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The embedded backbone as tests use it: a real broker on a temporary data directory and the
 * registry API served over real HTTP on a free port, with clients wired to both.
 */
public final class RunningBackbone implements AutoCloseable {

    public static final BackboneTopics TOPICS = new BackboneTopics(3, (short) 1);

    private final Path dataDir;
    private final EmbeddedBackbone backbone;
    private final Javalin http;

    private RunningBackbone(Path dataDir, EmbeddedBackbone backbone, Javalin http) {
        this.dataDir = dataDir;
        this.backbone = backbone;
        this.http = http;
    }

    public static RunningBackbone start(Path dataDir) {
        EmbeddedBackbone backbone = EmbeddedBackbone.start(dataDir, 0, TOPICS, Duration.ofSeconds(60));
        var api = new SchemaRegistryApi(() -> Optional.of(backbone.registry()));
        Javalin http = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            api.addRoutes(config.routes, "");
        }).start("127.0.0.1", 0);
        return new RunningBackbone(dataDir, backbone, http);
    }

    /** Stops everything and starts again on the same data directory. */
    public RunningBackbone restart() {
        close();
        return start(dataDir);
    }

    public KafkaAccess kafka() {
        return backbone.kafka();
    }

    public String registryUrl() {
        return "http://127.0.0.1:" + http.port();
    }

    public SchemaRegistryClient registryClient() {
        return SchemaRegistryClient.forUrl(registryUrl());
    }

    public KafkaProducer<String, Envelope> eventProducer() {
        Properties props = kafka().properties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(props, new StringSerializer(),
                new SpecificAvroSerializer<>(registryClient(), true));
    }

    /** Every record of {@code topic} from the first offset to the end, decoded as events. */
    public List<ConsumerRecord<String, Envelope>> readAll(String topic) {
        return TestKafka.readAll(kafka(), topic,
                new SpecificAvroDeserializer<>(registryClient(), Envelope.class));
    }

    @Override
    public void close() {
        http.stop();
        backbone.close();
    }
}
