package dev.preptrack.ui.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The API token of a single-user instance: taken from configuration when set, otherwise read
 * from {@code $PREPTRACK_HOME/token}, which the first successful start creates with owner-only
 * permissions (0600) before the secret is written into it.
 */
public final class ApiToken {

    private final String value;
    private final boolean createdNow;
    private final Path file;

    private ApiToken(String value, boolean createdNow, Path file) {
        this.value = value;
        this.createdNow = createdNow;
        this.file = file;
    }

    /** A token the caller already holds (a test's, or one shared by a cohort's instances); never written. */
    public static ApiToken of(String value) {
        return new ApiToken(value, false, null);
    }

    public static ApiToken load(PreptrackConfig config) {
        Path file = config.home().resolve("token");
        if (config.token().isPresent()) {
            return of(config.token().get());
        }
        try {
            if (Files.exists(file)) {
                return new ApiToken(Files.readString(file, StandardCharsets.UTF_8).trim(), false, file);
            }
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            return new ApiToken(Base64.getUrlEncoder().withoutPadding().encodeToString(secret), true, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the API token file " + file, e);
        }
    }

    /**
     * Writes a token created by this start to its file. Called once preptrack is healthy, right
     * before the token is shown: a start that fails never leaves a token nobody has seen.
     */
    public void persist() {
        if (!createdNow) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            // Created with 0600 from the start, so the secret is never readable by others.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, value + "\n", StandardCharsets.UTF_8);
        } catch (FileAlreadyExistsException raced) {
            throw new IllegalStateException("another process created " + file + " meanwhile; start again");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the API token file " + file, e);
        }
    }

    public String value() {
        return value;
    }

    /** True on the first start, when the token should be shown to the user once. */
    public boolean createdNow() {
        return createdNow;
    }

    /** Where the token is kept; null when it came from configuration. */
    public Path file() {
        return file;
    }

    /** Compares in constant time, so response timing does not reveal how much of a guess was right. */
    public boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
                candidate.getBytes(StandardCharsets.UTF_8));
    }
}
