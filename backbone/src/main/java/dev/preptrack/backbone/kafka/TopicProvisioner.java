package dev.preptrack.backbone.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the application's topics exist with the configs their specs name: creates the
 * missing ones, and sets the named configs on existing ones that have drifted (for example
 * an events topic whose retention someone shortened), so that what the code promises about
 * a topic is what the cluster does.
 */
public final class TopicProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    private final Admin admin;

    public TopicProvisioner(Admin admin) {
        this.admin = admin;
    }

    public void ensure(Collection<TopicSpec> specs) {
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            List<TopicSpec> present = new ArrayList<>();
            for (TopicSpec spec : specs) {
                if (existing.contains(spec.name())) {
                    present.add(spec);
                } else {
                    missing.add(new NewTopic(spec.name(), spec.partitions(), spec.replicationFactor())
                            .configs(spec.configs()));
                }
            }
            create(missing);
            alignConfigs(present);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create or check topics: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private void create(List<NewTopic> missing) throws InterruptedException, ExecutionException {
        if (missing.isEmpty()) {
            return;
        }
        try {
            admin.createTopics(missing).all().get();
            missing.forEach(topic -> log.info("created topic {} ({} partitions, configs {})", topic.name(),
                    topic.numPartitions(), topic.configs()));
        } catch (ExecutionException e) {
            // Another instance may have created it between our listing and our request.
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private void alignConfigs(List<TopicSpec> present) throws InterruptedException, ExecutionException {
        if (present.isEmpty()) {
            return;
        }
        List<ConfigResource> resources = present.stream()
                .map(spec -> new ConfigResource(ConfigResource.Type.TOPIC, spec.name())).toList();
        var described = admin.describeConfigs(resources).all().get();
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
        for (TopicSpec spec : present) {
            var resource = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
            var actual = described.get(resource);
            List<AlterConfigOp> ops = new ArrayList<>();
            spec.configs().forEach((name, wanted) -> {
                ConfigEntry entry = actual.get(name);
                if (entry == null || !wanted.equals(entry.value())) {
                    log.warn("topic {} has {}={}, setting it to {}", spec.name(), name,
                            entry == null ? "(unset)" : entry.value(), wanted);
                    ops.add(new AlterConfigOp(new ConfigEntry(name, wanted), AlterConfigOp.OpType.SET));
                }
            });
            if (!ops.isEmpty()) {
                changes.put(resource, ops);
            }
        }
        if (!changes.isEmpty()) {
            admin.incrementalAlterConfigs(changes).all().get();
        }
    }
}
