package dev.preptrack.ui;

import dev.preptrack.ui.backbones.ContainerBackbone;
import dev.preptrack.ui.config.PreptrackConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The Node interop test with Confluent's own registry and the apache/kafka broker in between,
 * instead of preptrack's embedded ones; skipped without Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
class NodeInteropContainerTest extends NodeInteropTest {

    private ContainerBackbone backbone;

    @Override
    PreptrackConfig config(Path home) {
        backbone = ContainerBackbone.start();
        return backbone.preptrackIn(home);
    }

    @AfterEach
    void stopContainers() {
        if (backbone != null) {
            backbone.close();
        }
    }
}
