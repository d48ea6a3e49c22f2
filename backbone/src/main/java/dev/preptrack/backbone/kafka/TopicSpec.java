package dev.preptrack.backbone.kafka;

import java.util.Map;

/**
 * A topic as the application creates it: name, partitions, replication and the explicit
 * configs it must have. One immutable value per topic, built from configuration.
 */
public record TopicSpec(String name, int partitions, short replicationFactor, Map<String, String> configs) {

    public TopicSpec {
        configs = Map.copyOf(configs);
    }
}
