package dev.preptrack.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code preptrack up} processes on one PREPTRACK_HOME. The in-JVM case
 * ({@code PreptrackUpTest}) only meets the JVM's own overlapping-lock check; here the lock on
 * {@code home/.lock} is the operating system's, held by another process.
 */
@Tag("integration")
@Tag("fault")
@Timeout(180)
class HomeLockProcessTest {

    private static final Duration START = Duration.ofSeconds(120);

    @TempDir
    Path home;

    @Test
    void a_second_process_on_the_same_home_is_refused_with_a_clear_message_and_the_first_keeps_serving()
            throws Exception {
        try (var first = PreptrackProcess.start(home, START)) {
            assertThatThrownBy(() -> PreptrackProcess.start(home, Duration.ofSeconds(60)).close())
                    .hasMessageContaining("preptrack up exited with")
                    .hasMessageContaining("another preptrack is already running with PREPTRACK_HOME=" + home)
                    .hasMessageContaining("stop it first");
            var health = first.api().get("/health");
            assertThat(health.status()).as("%s", health).isEqualTo(200);
            var write = first.api().post(WriteApiTest.path("cand-lock", "/stories"), WriteApiTest.aStory("oncall"));
            assertThat(write.status()).as("%s", write).isEqualTo(201);
        }
    }
}
