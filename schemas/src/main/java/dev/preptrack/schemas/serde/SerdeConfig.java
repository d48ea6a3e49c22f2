package dev.preptrack.schemas.serde;

import dev.preptrack.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/** The Kafka client properties the serde reads, named as Confluent's serializers name them. */
final class SerdeConfig {

    static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    /** Confluent's name for a registry's basic credentials, {@code user:password}. */
    static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";

    private SerdeConfig() {
    }

    static SchemaRegistryClient registry(Map<String, ?> configs) {
        Object url = configs.get(SCHEMA_REGISTRY_URL);
        if (url == null || url.toString().isBlank()) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, url, "the Avro serde needs the schema registry's URL");
        }
        var builder = SchemaRegistryClient.builder(url.toString().split(",")[0]);
        Object userInfo = configs.get(BASIC_AUTH_USER_INFO);
        if (userInfo != null && !userInfo.toString().isBlank()) {
            builder.basicAuth(userInfo.toString());
        }
        return builder.build();
    }

    static boolean autoRegister(Map<String, ?> configs) {
        Object value = configs.get(AUTO_REGISTER_SCHEMAS);
        return value == null || Boolean.parseBoolean(value.toString());
    }
}
