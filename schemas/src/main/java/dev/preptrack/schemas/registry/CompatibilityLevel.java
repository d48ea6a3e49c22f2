package dev.preptrack.schemas.registry;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * The compatibility levels of the Confluent Schema Registry API, with their meaning decided by
 * Avro's own {@link SchemaCompatibility}: BACKWARD means the new schema can read data written
 * with the old; FORWARD that old readers can read new data; FULL both; the transitive levels
 * check against every earlier version instead of only the latest.
 */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean newReadsOld;
    private final boolean oldReadsNew;
    private final boolean transitive;

    CompatibilityLevel(boolean newReadsOld, boolean oldReadsNew, boolean transitive) {
        this.newReadsOld = newReadsOld;
        this.oldReadsNew = oldReadsNew;
        this.transitive = transitive;
    }

    /**
     * Why {@code candidate} may not follow {@code existing} (oldest first) under this level;
     * empty when it may.
     */
    public List<String> violations(Schema candidate, List<Schema> existing) {
        List<String> problems = new ArrayList<>();
        if (existing.isEmpty() || this == NONE) {
            return problems;
        }
        List<Schema> against = transitive ? existing : List.of(existing.get(existing.size() - 1));
        for (int i = 0; i < against.size(); i++) {
            Schema earlier = against.get(i);
            int version = transitive ? i + 1 : existing.size();
            if (newReadsOld) {
                problems.addAll(describe(version, "the new schema cannot read data written with it",
                        SchemaCompatibility.checkReaderWriterCompatibility(candidate, earlier)));
            }
            if (oldReadsNew) {
                problems.addAll(describe(version, "it cannot read data written with the new schema",
                        SchemaCompatibility.checkReaderWriterCompatibility(earlier, candidate)));
            }
        }
        return problems;
    }

    /** Parses a level as the API spells it, ignoring case. */
    public static CompatibilityLevel parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown compatibility level '" + text + "'", e);
        }
    }

    private static List<String> describe(int version, String what,
            SchemaCompatibility.SchemaPairCompatibility pair) {
        var result = pair.getResult();
        if (result.getCompatibility() == SchemaCompatibilityType.COMPATIBLE) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        for (var incompatibility : result.getIncompatibilities()) {
            problems.add("version " + version + ": " + what + ": " + incompatibility.getType() + " at "
                    + incompatibility.getLocation() + " (" + incompatibility.getMessage() + ")");
        }
        return problems;
    }
}
