package dev.preptrack.ui.backbones;

import dev.preptrack.schemas.kafka.KafkaAccess;
import java.nio.file.Path;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The {@code apache/kafka} image and Confluent's {@code cp-schema-registry} image on one Docker
 * network. An outage here is {@code docker pause} (the cgroup freezer: a hung host rather than
 * a crashed one): a paused container keeps its published ports, where a stopped and restarted
 * one would come back on new ones and the broker would advertise an address nobody has.
 */
public final class ContainerBackbone implements ExternalBackbone {

    /** A released 4.x broker, which the project's 4.x clients speak to. */
    static final DockerImageName KAFKA = DockerImageName.parse("apache/kafka:4.1.1");
    static final DockerImageName REGISTRY = DockerImageName.parse("confluentinc/cp-schema-registry:8.1.0");

    private final Network network;
    private final KafkaContainer kafka;
    private final GenericContainer<?> registry;

    private ContainerBackbone(Network network, KafkaContainer kafka, GenericContainer<?> registry) {
        this.network = network;
        this.kafka = kafka;
        this.registry = registry;
    }

    public static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    @SuppressWarnings("resource") // closed in close()
    public static ContainerBackbone start() {
        Network network = Network.newNetwork();
        var kafka = new KafkaContainer(KAFKA).withNetwork(network).withListener("kafka:19092");
        var registry = new GenericContainer<>(REGISTRY).withNetwork(network).withExposedPorts(8081)
                .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
                .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081")
                .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://kafka:19092")
                .dependsOn(kafka)
                .waitingFor(Wait.forHttp("/subjects").forStatusCode(200));
        kafka.start();
        registry.start();
        return new ContainerBackbone(network, kafka, registry);
    }

    /** The image's broker asks nothing of its clients. */
    @Override
    public KafkaAccess kafka() {
        return KafkaAccess.open(kafka.getBootstrapServers().replaceFirst("^PLAINTEXT://", ""));
    }

    @Override
    public Optional<Path> clientProperties() {
        return Optional.empty();
    }

    @Override
    public String registryUrl() {
        return "http://" + registry.getHost() + ":" + registry.getMappedPort(8081);
    }

    @Override
    public void stopBroker() {
        kafka.getDockerClient().pauseContainerCmd(kafka.getContainerId()).exec();
    }

    @Override
    public void startBroker() {
        kafka.getDockerClient().unpauseContainerCmd(kafka.getContainerId()).exec();
    }

    @Override
    public void stopRegistry() {
        registry.getDockerClient().pauseContainerCmd(registry.getContainerId()).exec();
    }

    @Override
    public void startRegistry() {
        registry.getDockerClient().unpauseContainerCmd(registry.getContainerId()).exec();
    }

    @Override
    public void close() {
        try {
            registry.stop();
            kafka.stop();
        } finally {
            network.close();
        }
    }
}
