package dev.preptrack.backbone.kafka;

import dev.preptrack.schemas.kafka.KafkaAccess;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code kafka-client.properties} beside the embedded broker's log: how a Kafka client reaches
 * it — the address, and the SASL login the broker asks of every connection. Kafka's own tools
 * read it as it is ({@code --consumer.config}, {@code --command-config}). The password is made
 * on the first start and kept; the address is written again at every start (the port may
 * change). Owner-only (0600), like the API token: whoever reads it reads every event.
 */
public final class ClientSettingsFile {

    public static final String NAME = "kafka-client.properties";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Pattern PASSWORD = Pattern.compile("password=\"([^\"]+)\"");

    private ClientSettingsFile() {
    }

    /** The password kept in {@code dataDir}, or a new one (written by {@link #write} once the broker runs). */
    static String password(Path dataDir) {
        return kept(dataDir.resolve(NAME)).orElseGet(() -> {
            byte[] secret = new byte[24];
            new SecureRandom().nextBytes(secret);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        });
    }

    private static Optional<String> kept(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Matcher password = PASSWORD.matcher(load(file).getProperty("sasl.jaas.config", ""));
        return password.find() ? Optional.of(password.group(1)) : Optional.empty();
    }

    /** The access a file written by {@link #write} describes (another process's broker, say). */
    public static KafkaAccess read(Path file) {
        Properties properties = load(file);
        return KafkaAccess.in(properties);
    }

    private static Properties load(Path file) {
        var properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return properties;
    }

    /** Writes {@code access} to {@code dataDir}'s file, created owner-only before anything secret is in it. */
    static Path write(Path dataDir, KafkaAccess access) {
        Path file = dataDir.resolve(NAME);
        var text = new StringBuilder()
                .append("# How a Kafka client reaches preptrack's embedded broker; written at every start. Keep it private:\n")
                .append("# whoever reads it can read every event. With Kafka's tools (4.x; --consumer.config before), e.g.:\n")
                .append("#   kafka-console-consumer.sh --bootstrap-server ").append(access.bootstrapServers())
                .append(" --command-config ").append(file).append(" --topic preptrack.events --from-beginning\n")
                .append("bootstrap.servers=").append(access.bootstrapServers()).append('\n');
        access.settings().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(setting -> text.append(setting.getKey()).append('=').append(setting.getValue()).append('\n'));
        try {
            // A new file moved over the old one: a crash half way must never leave an empty file, whose
            // next start would make a new password and lock out every tool set up with the old one.
            Path next = dataDir.resolve(NAME + ".next");
            Files.deleteIfExists(next);
            if (next.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(next, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(next);
            }
            Files.writeString(next, text, StandardCharsets.UTF_8, StandardOpenOption.WRITE);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Kafka client settings " + file, e);
        }
    }
}
