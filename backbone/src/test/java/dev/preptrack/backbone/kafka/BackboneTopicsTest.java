package dev.preptrack.backbone.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.preptrack.backbone.EmbeddedBackbone;
import dev.preptrack.backbone.RunningBackbone;
import dev.preptrack.schemas.Subjects;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
@Timeout(120)
class BackboneTopicsTest {

    @TempDir
    static Path dataDir;
    static RunningBackbone backbone;
    static Admin admin;

    @BeforeAll
    static void startBackbone() {
        backbone = RunningBackbone.start(dataDir);
        Properties props = backbone.kafka().properties();
        admin = Admin.create(props);
    }

    @AfterAll
    static void stopBackbone() {
        admin.close();
        backbone.close();
    }

    @Test
    void the_events_topic_keeps_every_event_forever() throws Exception {
        Config config = topicConfig("preptrack.events");

        assertThat(config.get("retention.ms").value()).isEqualTo("-1");
        assertThat(config.get("retention.bytes").value()).isEqualTo("-1");
        assertThat(config.get("cleanup.policy").value()).isEqualTo("delete");
        assertThat(config.get("min.insync.replicas").value()).isEqualTo("1");
        var description = admin.describeTopics(List.of("preptrack.events")).allTopicNames().get().get("preptrack.events");
        assertThat(description.partitions()).hasSize(3)
                .allSatisfy(partition -> assertThat(partition.replicas()).hasSize(1));
    }

    @Test
    void the_embedded_broker_forces_every_write_to_disk_before_it_acknowledges_it() throws Exception {
        Config events = topicConfig("preptrack.events");

        // Inherited by every topic from the broker: a single broker has no replica to survive a power cut.
        assertThat(events.get("flush.messages").value()).isEqualTo("1");
        assertThat(topicConfig("_preptrack_schemas").get("flush.messages").value()).isEqualTo("1");
    }

    @Test
    void the_schemas_topic_is_a_compacted_single_partition_table() throws Exception {
        Config config = topicConfig(BackboneTopics.SCHEMAS_TOPIC);

        assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        var description = admin.describeTopics(List.of(BackboneTopics.SCHEMAS_TOPIC)).allTopicNames().get()
                .get(BackboneTopics.SCHEMAS_TOPIC);
        assertThat(description.partitions()).hasSize(1);
    }

    @Test
    void provisioning_restores_a_retention_that_someone_shortened() throws Exception {
        var events = new ConfigResource(ConfigResource.Type.TOPIC, "preptrack.events");
        admin.incrementalAlterConfigs(Map.of(events, List.of(new AlterConfigOp(
                new ConfigEntry("retention.ms", "3600000"), AlterConfigOp.OpType.SET)))).all().get();
        // An altered config reaches the broker's metadata a moment after the controller acknowledges it.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(topicConfig("preptrack.events").get("retention.ms").value()).isEqualTo("3600000"));

        new TopicProvisioner(admin).ensure(RunningBackbone.TOPICS.all());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(topicConfig("preptrack.events").get("retention.ms").value()).isEqualTo("-1"));
    }

    @Test
    void an_existing_log_keeps_its_partition_count_whatever_the_setting_now_says() throws Exception {
        // The log was created with 3 partitions; a later start configured (or defaulted) to 1 must
        // create what is missing, and a new projection's output, with the log's 3: commands are
        // co-partitioned with the events, and a mismatch would stop the writer.
        admin.deleteTopics(List.of(Subjects.COMMANDS_TOPIC)).all().get();
        await().atMost(Duration.ofSeconds(10)).until(() -> !admin.listTopics().names().get().contains(Subjects.COMMANDS_TOPIC));

        BackboneTopics provisioned = EmbeddedBackbone.provision(backbone.kafka(), new BackboneTopics(1, (short) 1));

        assertThat(provisioned.eventPartitions()).isEqualTo(3);
        assertThat(provisioned.projectionOutput("preptrack.some-new-output").partitions()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(admin.describeTopics(
                List.of(Subjects.COMMANDS_TOPIC)).allTopicNames().get().get(Subjects.COMMANDS_TOPIC).partitions()).hasSize(3));
    }

    @Test
    void replication_and_min_insync_follow_the_configured_replication_factor() {
        var onACluster = new BackboneTopics(6, (short) 3).events();

        assertThat(onACluster.replicationFactor()).isEqualTo((short) 3);
        assertThat(onACluster.partitions()).isEqualTo(6);
        assertThat(onACluster.configs()).containsEntry("min.insync.replicas", "2");
    }

    private static Config topicConfig(String topic) throws Exception {
        var resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get().get(resource);
    }
}
