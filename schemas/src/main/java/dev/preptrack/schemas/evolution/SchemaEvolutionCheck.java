package dev.preptrack.schemas.evolution;

import dev.preptrack.schemas.Subjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * The build's guard on schema evolution. Every published version of each subject is kept in
 * the repository as {@code <history>/<subject>/v<N>.avsc}; the current schema must be able to
 * read data written with every one of them (BACKWARD_TRANSITIVE, decided by Avro's own
 * {@link SchemaCompatibility}), and must itself be recorded there, so that the next change is
 * checked against it too.
 *
 * <p>Run by the build at {@code process-classes}; a non-empty result fails it. With
 * {@code -Dpreptrack.schemas.record=true} a compatible, changed schema is recorded as the
 * next version instead of failing.
 */
public final class SchemaEvolutionCheck {

    private static final Pattern VERSION_FILE = Pattern.compile("v(\\d+)\\.avsc");

    private final Path historyRoot;

    public SchemaEvolutionCheck(Path historyRoot) {
        this.historyRoot = historyRoot;
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: SchemaEvolutionCheck <history directory>");
        }
        var check = new SchemaEvolutionCheck(Path.of(args[0]));
        boolean record = Boolean.getBoolean("preptrack.schemas.record");
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Schema> subject : Subjects.persisted().entrySet()) {
            problems.addAll(check.check(subject.getKey(), subject.getValue(), record));
        }
        if (!problems.isEmpty()) {
            // The exception's message is what Maven prints as the build failure.
            throw new IllegalStateException("Schema evolution check failed:\n  - "
                    + String.join("\n  - ", problems));
        }
        System.out.println("[schema-evolution-check] every subject is BACKWARD_TRANSITIVE compatible with its "
                + "published versions");
    }

    /**
     * Checks one subject's current schema against its recorded history.
     *
     * @param record when true, a compatible schema that differs from the latest recorded
     *     version is written as the next version rather than reported
     * @return the problems found, each naming the subject and version; empty when all is well
     */
    public List<String> check(String subject, Schema current, boolean record) {
        List<VersionedSchema> history = history(subject);
        List<String> problems = new ArrayList<>(incompatibilities(subject, current, history));
        if (!problems.isEmpty()) {
            return problems;
        }
        boolean recorded = !history.isEmpty() && history.get(history.size() - 1).schema().equals(current);
        if (!recorded) {
            int next = history.isEmpty() ? 1 : history.get(history.size() - 1).version() + 1;
            if (record) {
                write(subject, next, current);
            } else {
                problems.add(subject + ": the current schema differs from the latest published version"
                        + (history.isEmpty() ? " (none recorded)" : " v" + history.get(history.size() - 1).version())
                        + "; it is compatible, so record it as v" + next + " with "
                        + "`mvn -pl schemas process-classes -Dpreptrack.schemas.record=true` and commit the file");
            }
        }
        return problems;
    }

    /** Every recorded version the current schema cannot read, with Avro's explanation. */
    public static List<String> incompatibilities(String subject, Schema current, List<VersionedSchema> history) {
        List<String> problems = new ArrayList<>();
        for (VersionedSchema published : history) {
            var result = SchemaCompatibility.checkReaderWriterCompatibility(current, published.schema()).getResult();
            if (result.getCompatibility() != SchemaCompatibilityType.COMPATIBLE) {
                problems.add(subject + ": the current schema cannot read data written with published v"
                        + published.version() + " (BACKWARD_TRANSITIVE): "
                        + describe(result.getIncompatibilities()));
            }
        }
        return problems;
    }

    /** The recorded versions of a subject, oldest first. */
    public List<VersionedSchema> history(String subject) {
        Path dir = historyRoot.resolve(subject);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<VersionedSchema> versions = new ArrayList<>();
            for (Path file : (Iterable<Path>) files::iterator) {
                Matcher name = VERSION_FILE.matcher(file.getFileName().toString());
                if (name.matches()) {
                    versions.add(new VersionedSchema(Integer.parseInt(name.group(1)),
                            new Schema.Parser().parse(Files.readString(file, StandardCharsets.UTF_8))));
                }
            }
            versions.sort(Comparator.comparingInt(VersionedSchema::version));
            return versions;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema history in " + dir, e);
        }
    }

    private void write(String subject, int version, Schema schema) {
        Path file = historyRoot.resolve(subject).resolve("v" + version + ".avsc");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, schema.toString(true) + "\n", StandardCharsets.UTF_8);
            System.out.println("[schema-evolution-check] recorded " + subject + " v" + version + " in " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record " + file, e);
        }
    }

    private static String describe(List<SchemaCompatibility.Incompatibility> incompatibilities) {
        List<String> parts = new ArrayList<>();
        for (var incompatibility : incompatibilities) {
            parts.add(incompatibility.getType() + " at " + incompatibility.getLocation()
                    + " (" + incompatibility.getMessage() + ")");
        }
        return String.join("; ", parts);
    }

    /** One published version of a subject's schema. */
    public record VersionedSchema(int version, Schema schema) {
    }
}
