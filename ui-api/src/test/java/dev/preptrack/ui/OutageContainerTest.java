package dev.preptrack.ui;

import dev.preptrack.ui.backbones.ContainerBackbone;
import dev.preptrack.ui.backbones.ExternalBackbone;
import java.nio.file.Path;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The outages against the apache/kafka and Confluent registry images; skipped without Docker. */
@Testcontainers(disabledWithoutDocker = true)
class OutageContainerTest extends OutageContract {

    @Override
    ExternalBackbone startBackbone(Path dataDir) {
        return ContainerBackbone.start();
    }
}
