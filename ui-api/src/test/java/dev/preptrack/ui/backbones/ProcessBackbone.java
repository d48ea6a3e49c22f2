package dev.preptrack.ui.backbones;

import dev.preptrack.backbone.BrokerProcess;
import dev.preptrack.backbone.kafka.BackboneTopics;
import dev.preptrack.backbone.kafka.EmbeddedKafkaBroker;
import dev.preptrack.backbone.registry.SchemaRegistryApi;
import dev.preptrack.backbone.registry.SchemaRegistryStore;
import dev.preptrack.schemas.kafka.KafkaAccess;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A broker in its own process ({@link BrokerProcess}; stopped with SIGKILL) and preptrack's
 * registry implementation served over HTTP from this JVM, on a port kept across its restarts;
 * the registry's store lives in the broker's schemas topic, as Confluent's does.
 */
public final class ProcessBackbone implements ExternalBackbone {

    private final BrokerProcess broker;
    private final SchemaRegistryStore store;
    private final int registryPort = EmbeddedKafkaBroker.freePort();
    private Javalin registry;

    private ProcessBackbone(BrokerProcess broker, SchemaRegistryStore store) {
        this.broker = broker;
        this.store = store;
    }

    public static ProcessBackbone start(Path dataDir) {
        BrokerProcess broker = BrokerProcess.start(dataDir);
        try {
            var backbone = new ProcessBackbone(broker,
                    SchemaRegistryStore.open(broker.kafka(), BackboneTopics.SCHEMAS_TOPIC));
            backbone.startRegistry();
            return backbone;
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    @Override
    public KafkaAccess kafka() {
        return broker.kafka();
    }

    /** The login the broker process wrote beside its log: preptrack is given it as an external cluster's settings. */
    @Override
    public Optional<Path> clientProperties() {
        return Optional.of(broker.clientProperties());
    }

    @Override
    public String registryUrl() {
        return "http://127.0.0.1:" + registryPort;
    }

    @Override
    public void stopBroker() {
        broker.kill();
    }

    @Override
    public void startBroker() {
        broker.startAgain();
    }

    /** The HTTP server goes: connections to the registry's URL are refused. */
    @Override
    public void stopRegistry() {
        registry.stop();
    }

    @Override
    public void startRegistry() {
        var api = new SchemaRegistryApi(() -> Optional.of(store));
        registry = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            api.addRoutes(config.routes, "");
        }).start("127.0.0.1", registryPort);
    }

    @Override
    public void close() {
        try {
            registry.stop();
            store.close();
        } finally {
            broker.close();
        }
    }
}
