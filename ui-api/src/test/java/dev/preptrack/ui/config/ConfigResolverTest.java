package dev.preptrack.ui.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preptrack.schemas.kafka.KafkaAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigResolverTest {

    @TempDir
    Path home;

    @Test
    void with_nothing_configured_it_runs_embedded_on_the_default_port() {
        var config = resolve(Map.of(), Map.of());

        assertThat(config.embedded()).isTrue();
        assertThat(config.port()).isEqualTo(7070);
        assertThat(config.kafkaPort()).isZero();
        assertThat(config.home()).isEqualTo(home.toAbsolutePath());
    }

    @Test
    void flags_win_over_the_environment_which_wins_over_the_config_file() throws Exception {
        Files.writeString(home.resolve("config.properties"), "port=7001\nkafka.port=9001\nevent.partitions=12\n");

        var config = resolve(Map.of("port", "7003"), Map.of("PREPTRACK_PORT", "7002", "PREPTRACK_KAFKA_PORT", "9002"));

        assertThat(config.port()).isEqualTo(7003);
        assertThat(config.kafkaPort()).isEqualTo(9002);
        assertThat(config.eventPartitions()).isEqualTo(12);
    }

    @Test
    void every_write_is_forced_to_disk_unless_told_otherwise_and_a_bad_value_names_the_setting() {
        assertThat(resolve(Map.of(), Map.of()).fsync()).isTrue();
        assertThat(resolve(Map.of(), Map.of("PREPTRACK_KAFKA_FSYNC", "false")).fsync()).isFalse();
        assertThatThrownBy(() -> resolve(Map.of(), Map.of("PREPTRACK_KAFKA_FSYNC", "maybe")))
                .hasMessageContaining("PREPTRACK_KAFKA_FSYNC").hasMessageContaining("true or false");
    }

    @Test
    void both_external_services_switch_embedding_off() {
        var config = resolve(Map.of(), Map.of("PREPTRACK_BOOTSTRAP_SERVERS", "kafka:9092",
                "PREPTRACK_SCHEMA_REGISTRY_URL", "http://registry:8081"));

        assertThat(config.embedded()).isFalse();
        assertThat(config.kafka().map(KafkaAccess::bootstrapServers)).contains("kafka:9092");
        assertThat(config.schemaRegistryUrl()).contains("http://registry:8081");
    }

    @Test
    void a_new_log_has_one_partition_on_the_embedded_broker_and_six_on_a_cluster() {
        assertThat(resolve(Map.of(), Map.of()).eventPartitions()).isEqualTo(1);
        assertThat(resolve(Map.of(), Map.of("PREPTRACK_BOOTSTRAP_SERVERS", "kafka:9092",
                "PREPTRACK_SCHEMA_REGISTRY_URL", "http://registry:8081")).eventPartitions()).isEqualTo(6);
        assertThat(resolve(Map.of(), Map.of("PREPTRACK_EVENT_PARTITIONS", "4")).eventPartitions()).isEqualTo(4);
    }

    @Test
    void an_external_clusters_login_comes_from_a_client_properties_file_of_connection_settings_only()
            throws Exception {
        Path settings = home.resolve("cluster.properties");
        Files.writeString(settings, "# from the cluster's operators\nsecurity.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n"
                + "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"me\" password=\"pw\";\n"
                + "ssl.truststore.location=/etc/kafka/truststore.jks\n");
        Map<String, String> external = Map.of("PREPTRACK_BOOTSTRAP_SERVERS", "kafka:9093",
                "PREPTRACK_SCHEMA_REGISTRY_URL", "http://registry:8081", "PREPTRACK_KAFKA_PROPERTIES", settings.toString());

        KafkaAccess kafka = resolve(Map.of(), external).kafka().orElseThrow();

        assertThat(kafka.bootstrapServers()).isEqualTo("kafka:9093");
        assertThat(kafka.properties()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.location", "/etc/kafka/truststore.jks")
                .containsEntry("bootstrap.servers", "kafka:9093");
        assertThat(kafka.toString()).as("printed at start").doesNotContain("pw");

        Files.writeString(settings, "security.protocol=SASL_SSL\nacks=0\n");
        assertThatThrownBy(() -> resolve(Map.of(), external)).hasMessageContaining("PREPTRACK_KAFKA_PROPERTIES")
                .hasMessageContaining("'acks'");
        assertThatThrownBy(() -> resolve(Map.of(), Map.of("PREPTRACK_KAFKA_PROPERTIES", settings.toString())))
                .as("the embedded broker has its own login").hasMessageContaining("no external cluster is set");
        assertThatThrownBy(() -> resolve(Map.of(), Map.of("PREPTRACK_BOOTSTRAP_SERVERS", "kafka:9093",
                "PREPTRACK_SCHEMA_REGISTRY_URL", "http://registry:8081", "PREPTRACK_KAFKA_PROPERTIES", "/no/such/file")))
                .hasMessageContaining("cannot read the Kafka client settings /no/such/file");
    }

    @Test
    void only_one_external_service_is_refused_naming_the_missing_one() {
        assertThatThrownBy(() -> resolve(Map.of(), Map.of("PREPTRACK_BOOTSTRAP_SERVERS", "kafka:9092")))
                .hasMessageContaining("PREPTRACK_SCHEMA_REGISTRY_URL")
                .hasMessageContaining("only the bootstrap servers are set");
    }

    @Test
    void a_bad_number_is_refused_naming_where_it_came_from() {
        assertThatThrownBy(() -> resolve(Map.of(), Map.of("PREPTRACK_PORT", "seventy")))
                .hasMessage("PREPTRACK_PORT must be a whole number, not 'seventy'");
        assertThatThrownBy(() -> resolve(Map.of("kafka.port", "70000"), Map.of()))
                .hasMessage("--kafka-port must be between 0 and 65535, not 70000");
    }

    private PreptrackConfig resolve(Map<String, String> flags, Map<String, String> environment) {
        var withHome = new java.util.HashMap<>(flags);
        withHome.putIfAbsent("home", home.toString());
        return new ConfigResolver(withHome, environment).resolve();
    }

    @Test
    void a_wildcard_http_host_is_refused_since_other_instances_could_not_reach_it() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ConfigResolver(
                java.util.Map.of("home", "/tmp/preptrack-config-test", "http.host", "0.0.0.0"), java.util.Map.of()).resolve())
                .hasMessageContaining("PREPTRACK_HTTP_HOST").hasMessageContaining("0.0.0.0");
    }
}
