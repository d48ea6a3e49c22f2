package dev.preptrack.projections.themes;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trained theme models kept on disk between runs, so a warm start reads the model (a few tens of
 * milliseconds) instead of training it again (two to three seconds of both cores, beside the
 * stream threads' own start-up). A model is kept under the digest of everything that decides its
 * weights: the themes, every example with its labels and writer, and the bytes of the classes
 * that featurise and train ({@link ThemeModel}, {@link TextFeatures}, LIBLINEAR's solver). Change
 * any of them and the digest names another file: a kept model is never used for other inputs,
 * and nobody has to remember to bump a version. A file that does not read back whole (a crash
 * while writing, a full disk, an edit) is trained again and replaced; what is kept changes how
 * fast a model is ready, never its answers (a test holds the scores of a read model equal to the
 * trained one's, to the last bit).
 */
final class KeptModels {

    private static final Logger log = LoggerFactory.getLogger(KeptModels.class);
    private static final String HEADER = "preptrack themes model 1";
    /** Models of other inputs are deleted past this many (each code change leaves one behind). */
    private static final int KEEP = 4;

    private final Path directory;

    KeptModels(Path directory) {
        this.directory = directory;
    }

    /** The model for these inputs: read when kept, else trained by {@code training} and kept. */
    ThemeModel model(List<String> themeIds, List<ThemeModel.Example> examples, Supplier<ThemeModel> training) {
        String digest = digest(themeIds, examples);
        Path file = directory.resolve("themes-" + digest.substring(0, 32) + ".model");
        Optional<ThemeModel> kept = read(file, digest);
        if (kept.isPresent()) {
            return kept.get();
        }
        ThemeModel trained = training.get();
        try {
            write(file, digest, trained);
            forgetOthers(file);
        } catch (IOException | UncheckedIOException e) {
            // Not kept: the next start trains again, and this one goes on with the model in memory.
            log.warn("could not keep the trained themes model in {}: {}", directory, e.toString());
        }
        return trained;
    }

    static String digest(List<String> themeIds, List<ThemeModel.Example> examples) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            var out = new DataOutputStream(new java.security.DigestOutputStream(java.io.OutputStream.nullOutputStream(), sha));
            out.writeUTF(HEADER);
            for (Class<?> code : List.of(ThemeModel.class, ThemeModel.Head.class, TextFeatures.class,
                    de.bwaldvogel.liblinear.Linear.class, de.bwaldvogel.liblinear.SolverType.class)) {
                out.write(classBytes(code));
            }
            out.writeInt(themeIds.size());
            for (String theme : themeIds) {
                out.writeUTF(theme);
            }
            out.writeInt(examples.size());
            for (ThemeModel.Example example : examples) {
                writeLong(out, example.text());
                out.writeUTF(String.join("\u0000", new TreeSet<>(example.themes())));
                out.writeUTF(example.group());
            }
            out.flush();
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot take the digest of a themes model's inputs", e);
        }
    }

    private static void writeLong(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] classBytes(Class<?> code) throws IOException {
        String name = code.getName().substring(code.getName().lastIndexOf('.') + 1) + ".class";
        try (InputStream in = code.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("no class file " + name + " beside " + code.getName());
            }
            return in.readAllBytes();
        }
    }

    private Optional<ThemeModel> read(Path file, String digest) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length < Long.BYTES) {
                throw new IOException("only " + bytes.length + " bytes");
            }
            var crc = new CRC32();
            crc.update(bytes, 0, bytes.length - Long.BYTES);
            var in = new DataInputStream(new ByteArrayInputStream(bytes));
            in.skipNBytes(bytes.length - Long.BYTES);
            if (in.readLong() != crc.getValue()) {
                throw new IOException("its checksum does not match (cut short or changed)");
            }
            in = new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - Long.BYTES));
            if (!in.readUTF().equals(HEADER) || !in.readUTF().equals(digest)) {
                throw new IOException("it holds a model of other inputs");
            }
            ThemeModel model = ThemeModel.read(in);
            Files.setLastModifiedTime(file, FileTime.from(Instant.now())); // recently used: kept longest
            return Optional.of(model);
        } catch (IOException | RuntimeException e) {
            log.warn("training the themes model again: the kept one in {} does not read back ({})", file, e.toString());
            return Optional.empty();
        }
    }

    private void write(Path file, String digest, ThemeModel model) throws IOException {
        var bytes = new ByteArrayOutputStream(1 << 22);
        var out = new DataOutputStream(bytes);
        out.writeUTF(HEADER);
        out.writeUTF(digest);
        model.write(out);
        out.flush();
        var crc = new CRC32();
        crc.update(bytes.toByteArray());
        out.writeLong(crc.getValue());
        out.flush();
        Files.createDirectories(directory);
        Path partial = Files.createTempFile(directory, "themes-", ".partial");
        try {
            Files.write(partial, bytes.toByteArray());
            try {
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /**
     * Past {@link #KEEP} models, deletes the least recently used (never {@code keep}), and partial
     * files a crash left (an hour old: another model may be being written now).
     */
    private void forgetOthers(Path keep) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> mine = files.filter(path -> !path.equals(keep))
                    .filter(path -> path.getFileName().toString().startsWith("themes-"))
                    .sorted(Comparator.comparing(KeptModels::modified).reversed()).toList();
            FileTime anHourAgo = FileTime.from(Instant.now().minusSeconds(3600));
            int models = 1; // keep's
            for (Path path : mine) {
                boolean partial = path.getFileName().toString().endsWith(".partial");
                if (partial ? modified(path).compareTo(anHourAgo) < 0 : ++models > KEEP) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
