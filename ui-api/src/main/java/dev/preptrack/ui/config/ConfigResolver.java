package dev.preptrack.ui.config;

import dev.preptrack.backbone.kafka.ClientSettingsFile;
import dev.preptrack.schemas.kafka.KafkaAccess;
import dev.preptrack.ui.wiring.DiskReserve;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Builds a {@link PreptrackConfig} from flags, environment variables and the config file
 * {@code $PREPTRACK_HOME/config.properties}, in that order of precedence. Every setting has
 * one name: the flag {@code --kafka-port}, the variable {@code PREPTRACK_KAFKA_PORT}, the file
 * key {@code kafka.port}. Bad values fail with a message naming the setting and its source.
 */
public final class ConfigResolver {

    public static final int DEFAULT_PORT = 7070;
    /**
     * Partitions of a log preptrack creates on a cluster: room for several instances to share the
     * candidates (a partition is the unit one instance folds).
     */
    public static final int DEFAULT_EVENT_PARTITIONS = 6;
    /**
     * On the embedded broker one instance folds everything, so partitions buy nothing and cost:
     * each is a log, a task and a RocksDB store per projection, and a batch of writes over many
     * candidates touched up to six partitions of every topic, each an fsync of its own. One
     * partition took the write figure from 218 to 336 writes/s (docs/benchmarks.md, 2026-12-06).
     */
    public static final int DEFAULT_EMBEDDED_EVENT_PARTITIONS = 1;
    /** Loopback only unless told otherwise: the API holds personal data. */
    public static final String DEFAULT_HTTP_HOST = "127.0.0.1";

    private final Map<String, String> flags;
    private final Map<String, String> environment;

    /**
     * @param flags settings given on the command line, keyed by file key (e.g. {@code kafka.port})
     * @param environment the process environment
     */
    public ConfigResolver(Map<String, String> flags, Map<String, String> environment) {
        this.flags = flags;
        this.environment = environment;
    }

    public PreptrackConfig resolve() {
        Path home = Path.of(first("home").map(Setting::value)
                .orElse(System.getProperty("user.home") + "/.preptrack")).toAbsolutePath().normalize();
        Map<String, String> file = readFile(home.resolve("config.properties"));
        var settings = new Settings(file);
        Optional<String> bootstrap = settings.text("bootstrap.servers");
        Optional<String> registry = settings.text("schema.registry.url");
        if (bootstrap.isPresent() != registry.isPresent()) {
            throw new IllegalArgumentException("set both PREPTRACK_BOOTSTRAP_SERVERS and PREPTRACK_SCHEMA_REGISTRY_URL "
                    + "to use an external Kafka cluster and schema registry, or neither to run embedded (only "
                    + (bootstrap.isPresent() ? "the bootstrap servers are" : "the registry URL is") + " set)");
        }
        Optional<Setting> clientSettings = settings.setting("kafka.properties").filter(named -> !named.value().isBlank());
        if (clientSettings.isPresent() && bootstrap.isEmpty()) {
            throw new IllegalArgumentException(clientSettings.get().source() + " gives an external cluster's client "
                    + "settings, but no external cluster is set (PREPTRACK_BOOTSTRAP_SERVERS); the embedded broker keeps "
                    + "its own login in " + home.resolve(ClientSettingsFile.NAME));
        }
        Optional<KafkaAccess> kafka = bootstrap.map(servers -> clientSettings
                .map(named -> externalAccess(servers, named))
                .orElse(KafkaAccess.open(servers)));
        String httpHost = settings.text("http.host").orElse(DEFAULT_HTTP_HOST);
        if (httpHost.equals("0.0.0.0") || httpHost.equals("::") || httpHost.equals("[::]")) {
            throw new IllegalArgumentException("PREPTRACK_HTTP_HOST must be an address other instances can reach this "
                    + "one at (e.g. this machine's IP or name), not the wildcard '" + httpHost + "'");
        }
        return new PreptrackConfig(
                home,
                settings.integer("port", 0, 65_535).orElse(DEFAULT_PORT),
                settings.integer("kafka.port", 0, 65_535).orElse(0),
                kafka,
                registry,
                settings.text("schema.registry.user.info"),
                settings.text("token"),
                settings.integer("event.partitions", 1, 10_000)
                        .orElse(kafka.isPresent() ? DEFAULT_EVENT_PARTITIONS : DEFAULT_EMBEDDED_EVENT_PARTITIONS),
                settings.integer("replication.factor", 1, Short.MAX_VALUE).map(Integer::shortValue),
                httpHost,
                settings.bool("kafka.fsync").orElse(true),
                // In MiB: a reserve is a size a person picks, not a byte count.
                settings.integer("disk.reserve", 0, 1024 * 1024).map(mib -> mib * 1024L * 1024L)
                        .orElse(DiskReserve.DEFAULT_RESERVE_BYTES));
    }

    /** {@code kafka.port} → {@code PREPTRACK_KAFKA_PORT}. */
    public static String environmentName(String key) {
        return "PREPTRACK_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_');
    }

    private Optional<Setting> first(String key) {
        String flag = flags.get(key);
        if (flag != null) {
            return Optional.of(new Setting(flag, "--" + key.replace('.', '-')));
        }
        String env = environment.get(environmentName(key));
        if (env != null && !env.isBlank()) {
            return Optional.of(new Setting(env, environmentName(key)));
        }
        return Optional.empty();
    }

    /**
     * An external cluster's address and the connection settings (security protocol, SASL, TLS)
     * of the file a setting names; {@link KafkaAccess} refuses any other key, and the refusal
     * names where the file came from.
     */
    private static KafkaAccess externalAccess(String servers, Setting file) {
        Path path = Path.of(file.value().trim());
        var properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException(file.source() + ": cannot read the Kafka client settings " + path + " ("
                    + e + ")", e);
        }
        try {
            return KafkaAccess.of(servers, properties);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file.source() + ": " + path + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        var properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, String> values = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name).trim()));
        return values;
    }

    private record Setting(String value, String source) {
    }

    private final class Settings {
        private final Map<String, String> file;

        Settings(Map<String, String> file) {
            this.file = file;
        }

        Optional<String> text(String key) {
            return setting(key).map(Setting::value).map(String::trim).filter(value -> !value.isEmpty());
        }

        Optional<Integer> integer(String key, int min, int max) {
            return setting(key).map(setting -> {
                try {
                    int value = Integer.parseInt(setting.value().trim());
                    if (value < min || value > max) {
                        throw new IllegalArgumentException(setting.source() + " must be between " + min + " and " + max
                                + ", not " + value);
                    }
                    return value;
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(setting.source() + " must be a whole number, not '"
                            + setting.value() + "'", e);
                }
            });
        }

        Optional<Boolean> bool(String key) {
            return setting(key).map(setting -> switch (setting.value().trim().toLowerCase(java.util.Locale.ROOT)) {
                case "true", "yes", "on", "1" -> true;
                case "false", "no", "off", "0" -> false;
                default -> throw new IllegalArgumentException(setting.source() + " must be true or false, not '"
                        + setting.value() + "'");
            });
        }

        private Optional<Setting> setting(String key) {
            return first(key).or(() -> Optional.ofNullable(file.get(key))
                    .map(value -> new Setting(value, "'" + key + "' in config.properties")));
        }
    }
}
