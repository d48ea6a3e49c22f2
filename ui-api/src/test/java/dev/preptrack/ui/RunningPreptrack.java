package dev.preptrack.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded preptrack for a test class, as {@code preptrack up} runs it (real broker,
 * registry, writer, projections and HTTP on a free port), in a home of its own that is
 * removed afterwards. Register it in a static field with {@code @RegisterExtension}.
 */
final class RunningPreptrack implements BeforeAllCallback, AfterAllCallback {

    private final Map<String, String> settings;
    private Path home;
    private Preptrack preptrack;

    RunningPreptrack() {
        this(Map.of());
    }

    /** @param settings {@code config.properties} keys to start it with, e.g. {@code event.partitions} */
    RunningPreptrack(Map<String, String> settings) {
        this.settings = settings;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        home = Files.createTempDirectory("preptrack-test");
        preptrack = Preptrack.start(TestInstances.embeddedIn(home, settings));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            preptrack.close();
        } finally {
            delete(home);
        }
    }

    Preptrack preptrack() {
        return preptrack;
    }

    Api api() {
        return new Api(preptrack.port(), preptrack.token().value());
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
