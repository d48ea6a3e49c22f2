package dev.preptrack.ui.config;

import dev.preptrack.schemas.kafka.KafkaAccess;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How one preptrack process runs. With no external Kafka and registry named, everything is
 * embedded under {@code home}; naming both uses them and embeds nothing.
 *
 * @param home where all data lives: the Kafka log, state, and the API token
 * @param port the HTTP port of the API, dashboard and embedded registry (0 = a free one)
 * @param kafkaPort the embedded broker's client port (0 = a free one)
 * @param kafka an external Kafka cluster, if any: its address, and the login its clients give
 * @param schemaRegistryUrl an external Confluent-API schema registry, if any
 * @param schemaRegistryUserInfo basic credentials ({@code user:password}) for that registry, if it asks
 * @param token the API token, if set by configuration rather than the token file
 * @param eventPartitions partitions of the events topic when preptrack creates it (an existing log keeps its own)
 * @param replicationFactor replicas of preptrack's topics; empty = 1 embedded, min(3, brokers) external
 * @param httpHost the address the HTTP server listens on and other instances reach it at
 * @param fsync whether the embedded broker forces every write to disk before acknowledging it
 * @param diskReserveBytes free space kept on {@code home}'s disk: under it writes are refused (0 = no guard)
 */
public record PreptrackConfig(
        Path home,
        int port,
        int kafkaPort,
        Optional<KafkaAccess> kafka,
        Optional<String> schemaRegistryUrl,
        Optional<String> schemaRegistryUserInfo,
        Optional<String> token,
        int eventPartitions,
        Optional<Short> replicationFactor,
        String httpHost,
        boolean fsync,
        long diskReserveBytes) {

    public boolean embedded() {
        return kafka.isEmpty();
    }
}
