package dev.preptrack.backbone.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.preptrack.schemas.kafka.KafkaAccess;
import dev.preptrack.schemas.registry.CompatibilityLevel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The state of the embedded schema registry: subjects, their versions, global schema ids and
 * compatibility levels, kept as a table in a compacted Kafka topic (one record per subject
 * version or config, as Confluent's registry keeps {@code _schemas}). Loaded in full at start,
 * so ids are stable across restarts; every change is written to the topic with
 * {@code acks=all} before it is applied, so an answer means it is durable.
 *
 * <p>One registry writes to a given topic; writers are serialised by this object's lock.
 * Compatibility is decided by {@link CompatibilityLevel}, BACKWARD_TRANSITIVE unless
 * configured otherwise. Only Avro schemas are supported.
 */
public final class SchemaRegistryStore implements AutoCloseable {

    public static final CompatibilityLevel DEFAULT_COMPATIBILITY = CompatibilityLevel.BACKWARD_TRANSITIVE;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private final String topic;
    private final KafkaProducer<byte[], byte[]> producer;

    private final Map<String, TreeMap<Integer, SchemaVersion>> subjects = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, Integer> idsByCanonical = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = DEFAULT_COMPATIBILITY;
    private int maxId;

    private SchemaRegistryStore(String topic, KafkaProducer<byte[], byte[]> producer) {
        this.topic = topic;
        this.producer = producer;
    }

    /** Opens the store on {@code topic}, reading everything written to it so far. */
    public static SchemaRegistryStore open(KafkaAccess kafka, String topic) {
        Properties producerProps = kafka.properties();
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerProps.put(ProducerConfig.CLIENT_ID_CONFIG, "preptrack-schema-registry");
        var store = new SchemaRegistryStore(topic,
                new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer()));
        store.load(kafka);
        return store;
    }

    /** A schema as registered under a subject. */
    public record SchemaVersion(String subject, int version, int id, Schema schema) {
    }

    public synchronized SchemaVersion register(String subject, String schemaText) {
        Schema schema = parse(schemaText);
        Optional<SchemaVersion> existing = find(subject, schema);
        if (existing.isPresent()) {
            return existing.get();
        }
        List<String> violations = compatibilityLevel(subject).violations(schema, schemas(subject));
        if (!violations.isEmpty()) {
            throw RegistryError.incompatible(String.join("; ", violations));
        }
        String canonical = schema.toString();
        int id = idsByCanonical.getOrDefault(canonical, maxId + 1);
        var versions = subjects.get(subject);
        int version = versions == null || versions.isEmpty() ? 1 : versions.lastKey() + 1;
        var registered = new SchemaVersion(subject, version, id, schema);
        write(schemaKey(subject, version), schemaValue(registered));
        apply(registered);
        return registered;
    }

    /** The version of {@code subject} that holds this schema. */
    public synchronized SchemaVersion lookup(String subject, String schemaText) {
        Schema schema = parse(schemaText);
        requireSubject(subject);
        return find(subject, schema).orElseThrow(() -> RegistryError.schemaNotFound("under subject '" + subject + "'"));
    }

    public synchronized Schema schemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw RegistryError.schemaNotFound("with id " + id);
        }
        return schema;
    }

    /** Every subject version that uses the schema with this id. */
    public synchronized List<SchemaVersion> usesOf(int id) {
        schemaById(id);
        List<SchemaVersion> uses = new ArrayList<>();
        new TreeMap<>(subjects).values().forEach(versions -> versions.values().stream()
                .filter(version -> version.id() == id).forEach(uses::add));
        return uses;
    }

    public synchronized List<String> subjects() {
        return subjects.keySet().stream().sorted().toList();
    }

    public synchronized List<Integer> versions(String subject) {
        return List.copyOf(requireSubject(subject).keySet());
    }

    /** One version of a subject; {@code version} is a positive number or {@code latest} (or -1). */
    public synchronized SchemaVersion version(String subject, String version) {
        var versions = requireSubject(subject);
        if (version.equals("latest") || version.equals("-1")) {
            return versions.lastEntry().getValue();
        }
        int number;
        try {
            number = Integer.parseInt(version);
        } catch (NumberFormatException e) {
            throw RegistryError.invalidVersion(version);
        }
        if (number < 1) {
            throw RegistryError.invalidVersion(version);
        }
        SchemaVersion found = versions.get(number);
        if (found == null) {
            throw RegistryError.versionNotFound(subject, version);
        }
        return found;
    }

    /**
     * Why {@code schemaText} may not be registered under {@code subject}; empty when it may.
     * With a {@code version}, checks against that version alone, as Confluent's API does.
     */
    public synchronized List<String> compatibilityViolations(String subject, String schemaText, Optional<String> version) {
        Schema schema = parse(schemaText);
        if (version.isPresent()) {
            Schema against = version(subject, version.get()).schema();
            CompatibilityLevel level = compatibilityLevel(subject);
            return level.violations(schema, List.of(against));
        }
        return compatibilityLevel(subject).violations(schema, subjects.containsKey(subject) ? schemas(subject) : List.of());
    }

    public synchronized CompatibilityLevel globalCompatibility() {
        return globalLevel;
    }

    /** The subject's own level, if one was set. */
    public synchronized CompatibilityLevel subjectCompatibility(String subject) {
        CompatibilityLevel level = subjectLevels.get(subject);
        if (level == null) {
            throw RegistryError.subjectLevelNotConfigured(subject);
        }
        return level;
    }

    /** The level that governs {@code subject}: its own, else the global one. */
    public synchronized CompatibilityLevel compatibilityLevel(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }

    public synchronized void setGlobalCompatibility(String level) {
        CompatibilityLevel parsed = level(level);
        write(configKey(null), configValue(parsed));
        globalLevel = parsed;
    }

    public synchronized void setSubjectCompatibility(String subject, String level) {
        CompatibilityLevel parsed = level(level);
        write(configKey(subject), configValue(parsed));
        subjectLevels.put(subject, parsed);
    }

    /** Removes the subject's own level, so the global one governs it again; returns the removed one. */
    public synchronized CompatibilityLevel deleteSubjectCompatibility(String subject) {
        CompatibilityLevel removed = subjectCompatibility(subject);
        write(configKey(subject), null);
        subjectLevels.remove(subject);
        return removed;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    private void load(KafkaAccess kafka) {
        Properties props = kafka.properties();
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            var partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    replay(record.key(), record.value());
                }
            }
        }
    }

    private synchronized void replay(byte[] keyBytes, byte[] valueBytes) {
        JsonNode key = readJson(keyBytes);
        switch (key.path("keytype").asText()) {
            case "SCHEMA" -> {
                if (valueBytes != null) {
                    JsonNode value = readJson(valueBytes);
                    apply(new SchemaVersion(value.path("subject").asText(), value.path("version").asInt(),
                            value.path("id").asInt(), new Schema.Parser().parse(value.path("schema").asText())));
                }
            }
            case "CONFIG" -> {
                String subject = key.path("subject").isNull() || key.path("subject").isMissingNode()
                        ? null : key.path("subject").asText();
                CompatibilityLevel level = valueBytes == null ? null
                        : CompatibilityLevel.parse(readJson(valueBytes).path("compatibilityLevel").asText());
                if (subject == null) {
                    globalLevel = level == null ? DEFAULT_COMPATIBILITY : level;
                } else if (level == null) {
                    subjectLevels.remove(subject);
                } else {
                    subjectLevels.put(subject, level);
                }
            }
            default -> {
                // Records of a kind this version does not know are left for a newer one.
            }
        }
    }

    private void apply(SchemaVersion version) {
        subjects.computeIfAbsent(version.subject(), ignored -> new TreeMap<>()).put(version.version(), version);
        schemasById.putIfAbsent(version.id(), version.schema());
        idsByCanonical.putIfAbsent(version.schema().toString(), version.id());
        maxId = Math.max(maxId, version.id());
    }

    private void write(byte[] key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, 0, key, value)).get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryError.storeFailure("interrupted");
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw RegistryError.storeFailure("cannot write to " + topic + ": " + cause);
        }
    }

    private Optional<SchemaVersion> find(String subject, Schema schema) {
        var versions = subjects.get(subject);
        if (versions == null) {
            return Optional.empty();
        }
        return versions.values().stream().filter(version -> version.schema().equals(schema)).findFirst();
    }

    private List<Schema> schemas(String subject) {
        var versions = subjects.get(subject);
        return versions == null ? List.of() : versions.values().stream().map(SchemaVersion::schema).toList();
    }

    private TreeMap<Integer, SchemaVersion> requireSubject(String subject) {
        var versions = subjects.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw RegistryError.subjectNotFound(subject);
        }
        return versions;
    }

    private static Schema parse(String schemaText) {
        if (schemaText == null || schemaText.isBlank()) {
            throw RegistryError.invalidSchema("the request has no schema");
        }
        try {
            return new Schema.Parser().parse(schemaText);
        } catch (RuntimeException e) {
            // Avro reports some malformed schemas (an unknown type name) with a NullPointerException.
            throw RegistryError.invalidSchema(e.getMessage());
        }
    }

    private static CompatibilityLevel level(String level) {
        try {
            return CompatibilityLevel.parse(level == null ? "" : level);
        } catch (IllegalArgumentException e) {
            throw RegistryError.invalidCompatibilityLevel(level);
        }
    }

    private static byte[] schemaKey(String subject, int version) {
        ObjectNode key = JSON.createObjectNode().put("keytype", "SCHEMA").put("subject", subject).put("version", version);
        return bytes(key);
    }

    private static byte[] schemaValue(SchemaVersion version) {
        return bytes(JSON.createObjectNode().put("subject", version.subject()).put("version", version.version())
                .put("id", version.id()).put("schema", version.schema().toString()));
    }

    private static byte[] configKey(String subject) {
        ObjectNode key = JSON.createObjectNode().put("keytype", "CONFIG");
        if (subject == null) {
            key.putNull("subject");
        } else {
            key.put("subject", subject);
        }
        return bytes(key);
    }

    private static byte[] configValue(CompatibilityLevel level) {
        return bytes(JSON.createObjectNode().put("compatibilityLevel", level.name()));
    }

    private static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode readJson(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable record in the schemas topic: " + e.getMessage(), e);
        }
    }
}
