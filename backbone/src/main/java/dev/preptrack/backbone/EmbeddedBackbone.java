package dev.preptrack.backbone;

import dev.preptrack.backbone.kafka.BackboneTopics;
import dev.preptrack.backbone.kafka.TopicSpec;
import dev.preptrack.backbone.kafka.EmbeddedKafkaBroker;
import dev.preptrack.backbone.kafka.TopicProvisioner;
import dev.preptrack.backbone.registry.SchemaRegistryStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Everything preptrack needs from Kafka, inside this JVM: the broker (data under
 * {@code dataDir}), the application's topics with their configs, and the schema registry's
 * store loaded from its topic. The registry's HTTP face is mounted by whoever serves HTTP
 * ({@link dev.preptrack.backbone.registry.SchemaRegistryApi}).
 */
public final class EmbeddedBackbone implements AutoCloseable {

    private final EmbeddedKafkaBroker broker;
    private final SchemaRegistryStore registry;

    private EmbeddedBackbone(EmbeddedKafkaBroker broker, SchemaRegistryStore registry) {
        this.broker = broker;
        this.registry = registry;
    }

    /**
     * @param kafkaPort the broker's client port, or 0 for a free one
     */
    public static EmbeddedBackbone start(Path dataDir, int kafkaPort, BackboneTopics topics, Duration timeout) {
        return start(dataDir, kafkaPort, topics, timeout, true);
    }

    /** @param fsync whether the broker forces every append to disk before acknowledging it */
    public static EmbeddedBackbone start(Path dataDir, int kafkaPort, BackboneTopics topics, Duration timeout,
            boolean fsync) {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, kafkaPort, timeout, fsync);
        try {
            provision(broker.bootstrapServers(), topics);
            return new EmbeddedBackbone(broker,
                    SchemaRegistryStore.open(broker.bootstrapServers(), BackboneTopics.SCHEMAS_TOPIC));
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    /** Creates the backbone's topics on any cluster, embedded or not. */
    public static void provision(String bootstrapServers, BackboneTopics topics) {
        provision(bootstrapServers, topics.all());
    }

    /** Creates the given topics where missing, on any cluster. */
    public static void provision(String bootstrapServers, java.util.Collection<TopicSpec> specs) {
        var props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            new TopicProvisioner(admin).ensure(specs);
        }
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public SchemaRegistryStore registry() {
        return registry;
    }

    @Override
    public void close() {
        try {
            registry.close();
        } finally {
            broker.close();
        }
    }
}
