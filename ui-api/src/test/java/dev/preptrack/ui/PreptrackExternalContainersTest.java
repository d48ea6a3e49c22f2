package dev.preptrack.ui;

import dev.preptrack.ui.backbones.ContainerBackbone;
import dev.preptrack.ui.backbones.ExternalBackbone;
import java.nio.file.Path;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The external-cluster contract against the apache/kafka and Confluent registry images; skipped without Docker. */
@Testcontainers(disabledWithoutDocker = true)
class PreptrackExternalContainersTest extends ExternalServicesContract {

    @Override
    ExternalBackbone startBackbone(Path dataDir) {
        return ContainerBackbone.start();
    }
}
