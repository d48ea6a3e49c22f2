package dev.preptrack.ui;

import dev.preptrack.schemas.registry.SchemaRegistryClient;
import dev.preptrack.ui.config.ConfigResolver;
import dev.preptrack.ui.config.PreptrackConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Configurations for preptrack instances under test: embedded, on free ports, in a given home. */
final class TestInstances {

    private TestInstances() {
    }

    static PreptrackConfig embeddedIn(Path home) {
        return embeddedIn(home, Map.of());
    }

    /** As above, with these settings ({@code config.properties} keys) besides. */
    static PreptrackConfig embeddedIn(Path home, Map<String, String> settings) {
        var flags = new HashMap<>(settings);
        flags.put("home", home.toString());
        flags.put("port", "0");
        return new ConfigResolver(flags, Map.of()).resolve();
    }

    /** A client of the instance's embedded registry that may change it: the API token as basic credentials. */
    static SchemaRegistryClient registry(Preptrack preptrack) {
        return SchemaRegistryClient.builder(preptrack.registryUrl()).basicAuth("test:" + preptrack.token().value()).build();
    }
}
