package dev.preptrack.ui;

import dev.preptrack.ui.backbones.ExternalBackbone;
import dev.preptrack.ui.backbones.ProcessBackbone;
import java.nio.file.Path;

/** The external-cluster contract against a broker in a child JVM and a registry served beside it. */
class PreptrackExternalServicesTest extends ExternalServicesContract {

    @Override
    ExternalBackbone startBackbone(Path dataDir) {
        return ProcessBackbone.start(dataDir);
    }
}
