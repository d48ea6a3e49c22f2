package dev.preptrack.ui;

import dev.preptrack.ui.backbones.ExternalBackbone;
import dev.preptrack.ui.backbones.ProcessBackbone;
import java.nio.file.Path;

/** The outages with the broker in a child JVM, killed with SIGKILL and restarted on its log. */
class OutageTest extends OutageContract {

    @Override
    ExternalBackbone startBackbone(Path dataDir) {
        return ProcessBackbone.start(dataDir);
    }
}
