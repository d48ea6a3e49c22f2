package dev.preptrack.rules.log;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One record of the rules log: every published version and every step of its life. The log is a
 * single-partition compacted topic in which every record has a key of its own (the change's
 * {@link #key()} and a unique suffix), so compaction removes and reorders nothing and every
 * instance folding it in order reaches the same {@link RulesCatalog}: the versions are numbered by
 * the order of their {@link Published} records, which is the log's order. A change appended twice
 * (a retried publication, two instances seeing a rebuild catch up) is folded once.
 */
public sealed interface RulesChange {

    /** What the record's key in the log starts with (a unique suffix follows). */
    String key();

    /**
     * A rules document published as the next version.
     *
     * @param publishId unique per publication, so that a retried publish can be recognised
     * @param document the document exactly as it was sent
     * @param dryRun built beside the active version without switching to it
     * @param targets the events topic's end offset per partition when it was published: the
     *     rebuild has caught up once its committed offsets reach them
     */
    record Published(String publishId, String document, boolean dryRun, Instant at, Map<Integer, Long> targets)
            implements RulesChange {
        public Published {
            targets = Map.copyOf(new TreeMap<>(targets));
        }

        @Override
        public String key() {
            return "published/" + publishId;
        }
    }

    /** A version's projections have folded the events up to its targets. */
    record CaughtUp(int version, Instant at) implements RulesChange {
        @Override
        public String key() {
            return "caught-up/" + version;
        }
    }

    /**
     * Reads switch to {@code version}: after its rebuild caught up, a dry run promoted, or a kept
     * version rolled back to. Keyed by {@code changeId}, since a version may be activated again.
     */
    record Activated(String changeId, int version, Instant at, String why) implements RulesChange {
        @Override
        public String key() {
            return "activated/" + changeId;
        }
    }

    /**
     * A version is given up: its projections, state and topics are deleted. {@code why}: superseded
     * (two switches ago), discarded (a dry run), cancelled (while rebuilding), or retired (asked for).
     */
    record Retired(int version, Instant at, String why) implements RulesChange {
        @Override
        public String key() {
            return "retired/" + version;
        }
    }

    /** A version's rebuild cannot go on; the active version keeps serving. */
    record Failed(int version, Instant at, String reason) implements RulesChange {
        @Override
        public String key() {
            return "failed/" + version;
        }
    }
}
