package dev.preptrack.schemas;

import java.nio.file.Path;
import java.util.Properties;

/** Settings for a {@code TopologyTestDriver} that no other run can disturb. */
public final class TestDriverProperties {

    private TestDriverProperties() {
    }

    /**
     * An application id and a state directory of the test's own (a JUnit {@code @TempDir}). The
     * driver's default state directory, {@code ${java.io.tmpdir}/kafka-streams/<application id>},
     * is shared between runs, and a run killed mid-test leaves its stores there for the next to
     * open. Keys as {@code StreamsConfig} names them (this module does not depend on Streams).
     */
    public static Properties isolated(String applicationId, Path stateDir) {
        Properties props = new Properties();
        props.put("application.id", applicationId);
        props.put("state.dir", stateDir.toString());
        return props;
    }
}
