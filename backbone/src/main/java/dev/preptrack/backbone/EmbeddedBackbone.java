package dev.preptrack.backbone;

import dev.preptrack.backbone.kafka.BackboneTopics;
import dev.preptrack.backbone.kafka.TopicSpec;
import dev.preptrack.backbone.kafka.EmbeddedKafkaBroker;
import dev.preptrack.backbone.kafka.TopicProvisioner;
import dev.preptrack.backbone.registry.SchemaRegistryStore;
import dev.preptrack.schemas.kafka.KafkaAccess;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;

/**
 * Everything preptrack needs from Kafka, inside this JVM: the broker (data under
 * {@code dataDir}), the application's topics with their configs, and the schema registry's
 * store loaded from its topic. The registry's HTTP face is mounted by whoever serves HTTP
 * ({@link dev.preptrack.backbone.registry.SchemaRegistryApi}).
 */
public final class EmbeddedBackbone implements AutoCloseable {

    private final EmbeddedKafkaBroker broker;
    private final SchemaRegistryStore registry;
    private final BackboneTopics topics;

    private EmbeddedBackbone(EmbeddedKafkaBroker broker, SchemaRegistryStore registry, BackboneTopics topics) {
        this.broker = broker;
        this.registry = registry;
        this.topics = topics;
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
            BackboneTopics provisioned = provision(broker.kafka(), topics);
            return new EmbeddedBackbone(broker,
                    SchemaRegistryStore.open(broker.kafka(), BackboneTopics.SCHEMAS_TOPIC), provisioned);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    /**
     * Creates the backbone's topics where missing, on any cluster, embedded or not.
     *
     * @return the topics as provisioned: partitioned like the events topic where it already existed
     */
    public static BackboneTopics provision(KafkaAccess kafka, BackboneTopics topics) {
        try (Admin admin = Admin.create(kafka.properties())) {
            BackboneTopics following = topics.followingTheLog(admin);
            new TopicProvisioner(admin).ensure(following.all());
            return following;
        }
    }

    /** Creates the given topics where missing, on any cluster. */
    public static void provision(KafkaAccess kafka, java.util.Collection<TopicSpec> specs) {
        try (Admin admin = Admin.create(kafka.properties())) {
            new TopicProvisioner(admin).ensure(specs);
        }
    }

    /** The backbone's topics, partitioned as the log is. */
    public BackboneTopics topics() {
        return topics;
    }

    /** How a client reaches the broker: its address and login. */
    public KafkaAccess kafka() {
        return broker.kafka();
    }

    /** The client properties file other tools read {@link #kafka()} from. */
    public Path clientSettings() {
        return broker.clientSettings();
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
