package dev.preptrack.projections.replay;

import dev.preptrack.schemas.kafka.KafkaAccess;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what a retired projection set leaves on the cluster: its consumer group, its internal
 * topics (changelogs, named {@code <application id>-…}) and its output topics. Kafka Streams
 * leaves all of them to the operator; a retired rules version should cost nothing. Each instance
 * deletes its own state directory itself ({@code KafkaStreams.cleanUp}); this is the shared part,
 * which only succeeds once no instance runs the set any more.
 */
public final class SetRetirement {

    private static final Logger log = LoggerFactory.getLogger(SetRetirement.class);

    private SetRetirement() {
    }

    /**
     * Deletes the group, its internal topics and {@code outputTopics}. Returns false, deleting
     * nothing, while a member of the group is still running (another instance that has not yet
     * read the retirement): ask again later.
     */
    public static boolean deleteEverywhere(KafkaAccess kafka, String applicationId, List<String> outputTopics) {
        Properties props = kafka.properties();
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "preptrack-retire");
        try (Admin admin = Admin.create(props)) {
            try {
                admin.deleteConsumerGroups(List.of(applicationId)).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof GroupNotEmptyException) {
                    log.debug("{} still has members; deleting it later", applicationId);
                    return false;
                }
                if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                    throw e;
                }
            }
            Set<String> topics = new java.util.TreeSet<>();
            for (String topic : admin.listTopics().names().get(30, TimeUnit.SECONDS)) {
                if (topic.startsWith(applicationId + "-") || outputTopics.contains(topic)) {
                    topics.add(topic);
                }
            }
            try {
                admin.deleteTopics(topics).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            log.info("retired {}: deleted its consumer group and topics {}", applicationId, topics);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            log.warn("cannot delete what {} left on the cluster yet: {}", applicationId, e.toString());
            return false;
        }
    }
}
