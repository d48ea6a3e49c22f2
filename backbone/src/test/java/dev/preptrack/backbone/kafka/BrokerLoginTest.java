package dev.preptrack.backbone.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preptrack.schemas.kafka.KafkaAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker serves only clients that give the login kept, owner-only, beside its log:
 * another account on the machine can reach a loopback port, but not the owner's files.
 */
@Tag("integration")
@Timeout(180)
class BrokerLoginTest {

    @TempDir
    Path dataDir;

    @Test
    void only_a_client_with_the_kept_login_is_served_and_the_login_survives_a_restart() throws Exception {
        Path file = dataDir.resolve(ClientSettingsFile.NAME);
        String password;
        try (var broker = EmbeddedKafkaBroker.start(dataDir, 0, Duration.ofSeconds(60), false)) {
            KafkaAccess kept = ClientSettingsFile.read(file);
            assertThat(kept).isEqualTo(broker.kafka());
            assertThat(kept.securityProtocol()).isEqualTo("SASL_PLAINTEXT");
            assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(nodes(kept)).isEqualTo(1);

            String bootstrap = kept.bootstrapServers();
            assertThatThrownBy(() -> nodes(KafkaAccess.saslPlain(bootstrap, EmbeddedKafkaBroker.USER, "a guess")))
                    .hasRootCauseInstanceOf(SaslAuthenticationException.class);
            // A client that offers no login is never answered: the broker closes its connection.
            assertThatThrownBy(() -> nodes(KafkaAccess.open(bootstrap)))
                    .isInstanceOfAny(TimeoutException.class, ExecutionException.class);
            password = kept.settings().get("sasl.jaas.config");
        }
        try (var again = EmbeddedKafkaBroker.start(dataDir, 0, Duration.ofSeconds(60), false)) {
            assertThat(again.kafka().settings().get("sasl.jaas.config")).as("the same login").isEqualTo(password);
            assertThat(nodes(ClientSettingsFile.read(file))).isEqualTo(1);
        }
    }

    private static int nodes(KafkaAccess access) throws Exception {
        Properties props = access.properties();
        props.putAll(Map.of(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000));
        try (Admin admin = Admin.create(props)) {
            return admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
        }
    }
}
