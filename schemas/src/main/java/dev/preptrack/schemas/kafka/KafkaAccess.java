package dev.preptrack.schemas.kafka;

import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * How every client of this process reaches Kafka: the bootstrap servers and the settings each
 * connection needs besides the address (security protocol, SASL mechanism and login, TLS
 * stores). One value handed to every producer, consumer, admin and Streams application, so a
 * broker that asks for credentials gets them from all of them, not from those someone
 * remembered.
 *
 * @param bootstrapServers {@code host:port,...}
 * @param settings Kafka client settings other than {@code bootstrap.servers}; empty for an open broker
 */
public record KafkaAccess(String bootstrapServers, Map<String, String> settings) {

    private static final String JAAS_CONFIG = "sasl.jaas.config";

    public KafkaAccess {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        for (String name : settings.keySet()) {
            if (!isConnectionSetting(name)) {
                throw new IllegalArgumentException("'" + name + "' is not a connection setting (security.protocol, "
                        + "sasl.*, ssl.*); preptrack sets its clients' other settings itself");
            }
        }
        settings = Map.copyOf(settings);
    }

    /** What a client needs to connect besides the address: how it secures and authenticates the connection. */
    public static boolean isConnectionSetting(String name) {
        return name.equals("security.protocol") || name.startsWith("sasl.") || name.startsWith("ssl.");
    }

    /** A broker that asks nothing of its clients (a test's, a trusted network's). */
    public static KafkaAccess open(String bootstrapServers) {
        return new KafkaAccess(bootstrapServers, Map.of());
    }

    /**
     * SASL PLAIN over an unencrypted connection: what the embedded broker, which listens on
     * loopback only, asks of every client (other accounts on the machine can reach the port,
     * but cannot read the password from the owner's home).
     */
    public static KafkaAccess saslPlain(String bootstrapServers, String user, String password) {
        return new KafkaAccess(bootstrapServers, Map.of(
                "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "PLAIN",
                JAAS_CONFIG, plainLogin(user, password)));
    }

    /** The JAAS line of a PLAIN login; the password must not hold a double quote. */
    public static String plainLogin(String user, String password) {
        if (user.contains("\"") || password.contains("\"")) {
            throw new IllegalArgumentException("a SASL user or password must not contain a double quote");
        }
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    /**
     * The connection settings of a client properties file ({@code --command-config} style);
     * its {@code bootstrap.servers}, if any, gives way to {@code bootstrapServers}. Any other
     * setting is refused, naming it.
     */
    public static KafkaAccess of(String bootstrapServers, Properties clientSettings) {
        Map<String, String> settings = new TreeMap<>();
        clientSettings.stringPropertyNames().stream().filter(name -> !name.equals("bootstrap.servers"))
                .forEach(name -> settings.put(name, clientSettings.getProperty(name).trim()));
        return new KafkaAccess(bootstrapServers, settings);
    }

    /** The access a set of client (or Streams) properties holds: its address and connection settings, nothing else. */
    public static KafkaAccess in(Properties clientProperties) {
        String bootstrapServers = clientProperties.getProperty("bootstrap.servers");
        if (bootstrapServers == null) {
            throw new IllegalArgumentException("no bootstrap.servers among the client properties");
        }
        bootstrapServers = bootstrapServers.trim();
        Map<String, String> settings = new TreeMap<>();
        clientProperties.stringPropertyNames().stream().filter(KafkaAccess::isConnectionSetting)
                .forEach(name -> settings.put(name, clientProperties.getProperty(name).trim()));
        return new KafkaAccess(bootstrapServers, settings);
    }

    /** A fresh, mutable set of client properties holding the address and every setting; add the client's own. */
    public Properties properties() {
        var props = new Properties();
        props.putAll(settings);
        props.put("bootstrap.servers", bootstrapServers);
        return props;
    }

    /** As {@link #properties()}, as a map (for the clients' map constructors). */
    public Map<String, Object> config() {
        Map<String, Object> config = new TreeMap<>(settings);
        config.put("bootstrap.servers", bootstrapServers);
        return config;
    }

    /** The security protocol clients speak: {@code PLAINTEXT} unless a setting says otherwise. */
    public String securityProtocol() {
        return settings.getOrDefault("security.protocol", "PLAINTEXT");
    }

    /** Never the login: this value is logged and printed. */
    @Override
    public String toString() {
        return bootstrapServers + " (" + securityProtocol()
                + (settings.containsKey("sasl.mechanism") ? ", " + settings.get("sasl.mechanism") : "") + ")";
    }
}
