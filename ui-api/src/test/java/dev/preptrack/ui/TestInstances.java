package dev.preptrack.ui;

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
}
