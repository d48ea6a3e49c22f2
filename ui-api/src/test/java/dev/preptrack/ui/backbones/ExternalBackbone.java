package dev.preptrack.ui.backbones;

import dev.preptrack.schemas.kafka.KafkaAccess;
import dev.preptrack.schemas.registry.SchemaRegistryClient;
import dev.preptrack.ui.config.ConfigResolver;
import dev.preptrack.ui.config.PreptrackConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A Kafka cluster and a schema registry outside the preptrack under test — what an existing
 * deployment gives it — that a test can take away and bring back: the broker, or the registry
 * alone while the broker stays up. Two kinds: {@link ProcessBackbone} (a broker in a child JVM,
 * runs everywhere) and {@link ContainerBackbone} (the {@code apache/kafka} and Confluent
 * registry images, where a Docker engine runs).
 */
public interface ExternalBackbone extends AutoCloseable {

    /** How a client reaches the broker: its address and login. */
    KafkaAccess kafka();

    /** A Kafka client properties file holding {@link #kafka()}'s login, when the broker asks for one. */
    Optional<Path> clientProperties();

    String registryUrl();

    /** The broker stops answering; what preptrack sent and had acknowledged stays in its log. */
    void stopBroker();

    /** The broker answers again at the same address, with the same log. */
    void startBroker();

    /** The registry stops answering at its URL; the broker stays up. */
    void stopRegistry();

    /** The registry answers again at the same URL. */
    void startRegistry();

    @Override
    void close();

    default SchemaRegistryClient registryClient() {
        return SchemaRegistryClient.forUrl(registryUrl());
    }

    /** A preptrack configuration that embeds nothing and uses this backbone. */
    default PreptrackConfig preptrackIn(Path home) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "PREPTRACK_BOOTSTRAP_SERVERS", kafka().bootstrapServers(),
                "PREPTRACK_SCHEMA_REGISTRY_URL", registryUrl()));
        clientProperties().ifPresent(file -> environment.put("PREPTRACK_KAFKA_PROPERTIES", file.toString()));
        return new ConfigResolver(Map.of("home", home.toString(), "port", "0"), environment).resolve();
    }
}
