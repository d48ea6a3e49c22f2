package dev.preptrack.ui;

import dev.preptrack.schemas.registry.SchemaRegistryClient;
import dev.preptrack.ui.config.ConfigResolver;
import dev.preptrack.ui.config.PreptrackConfig;
import java.nio.file.Path;
import java.util.Map;

/** Configurations for preptrack instances under test: embedded, on free ports, in a given home. */
final class TestInstances {

    private TestInstances() {
    }

    static PreptrackConfig embeddedIn(Path home) {
        return new ConfigResolver(Map.of("home", home.toString(), "port", "0"), Map.of()).resolve();
    }

    /** A client of the instance's embedded registry that may change it: the API token as basic credentials. */
    static SchemaRegistryClient registry(Preptrack preptrack) {
        return SchemaRegistryClient.builder(preptrack.registryUrl()).basicAuth("test:" + preptrack.token().value()).build();
    }
}
