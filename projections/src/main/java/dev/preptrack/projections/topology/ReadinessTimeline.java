package dev.preptrack.projections.topology;

import dev.preptrack.domain.event.Event;
import dev.preptrack.events.Envelope;
import dev.preptrack.projections.readiness.ReadinessFold;
import dev.preptrack.schemas.codec.EventCodec;
import dev.preptrack.projections.ReadinessEvidence;
import dev.preptrack.projections.readiness.CandidateEvidence;
import dev.preptrack.projections.readiness.EvidenceCodec;
import dev.preptrack.projections.readiness.OpenEvidence;
import dev.preptrack.rules.Rules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Each candidate's readiness-relevant events in the order they happened, so that readiness "as
 * of" an earlier time is the same {@link ReadinessFold} over a range of one store rather than a
 * re-read of the candidate's partition. The store {@value #STORE} is keyed
 * {@code candidate \u0000 occurredAt (epoch millis, 19 digits) \u0000 sequence (19 digits)}: the
 * key's bytes sort by candidate, then time, then sequence, so a range up to an instant yields
 * what had happened by then. A redelivered event lands on its own key again and changes nothing.
 * The events are kept as logged, in their Avro storage form (no rules applied), so the store does
 * not depend on the rules; they are decoded into domain events as they are read back.
 */
public final class ReadinessTimeline {

    public static final String STORE = "readiness-timeline";
    /**
     * The readiness evidence as of the end of each week the candidate has events in: keyed
     * {@code candidate \u0000 period (weeks since the epoch, 19 digits)}, the fold, in sequence order,
     * of every event that happened on or before that period. Folding an event updates its own period's
     * checkpoint and every later one (one, unless the event was backdated), so "as of" a time is a
     * checkpoint plus that period's events, not the whole history again.
     */
    public static final String CHECKPOINTS = "readiness-checkpoints";
    public static final String INDEX = "index-readiness-events";
    private static final char SEPARATOR = '\u0000';
    private static final String LAST = "9".repeat(19);
    /**
     * How long one checkpoint covers: a week (7 days from the epoch). Daily ones wrote a candidate's
     * whole evidence for every period with an event, most of a rebuild's work and of the store; an
     * "as of" answer folds at most a week of events after its checkpoint instead of a period's.
     */
    public static final long PERIOD_MILLIS = 7 * 86_400_000L;

    private ReadinessTimeline() {
    }

    /** These stores alone over the events topic (for TopologyTestDriver). */
    public static Topology build(EventsSource events, Serde<ReadinessEvidence> evidence, Rules rules) {
        return addTo(events.newTopology(), EventsSource.NAME, events.keys(), events.events(), evidence, rules);
    }

    /** Adds the index, the daily checkpoints and their stores to a topology, fed by the events source {@code source}. */
    public static Topology addTo(Topology topology, String source, Serde<String> keys, Serde<Envelope> events,
            Serde<ReadinessEvidence> evidence, Rules rules) {
        topology.addProcessor(INDEX, () -> new Indexer(rules), source);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), keys, events), INDEX);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CHECKPOINTS), keys,
                evidence).withCachingEnabled(), INDEX);
        return topology;
    }

    /**
     * The candidate's evidence from the events that happened at or before {@code at}, exactly as
     * {@link ReadinessFold#asOf} folds them: the checkpoint of the last period before {@code at}'s
     * with events, then that period's events up to {@code at} in sequence order. Empty when that period
     * has an event logged before one of the checkpoint's (a backdated write), because folding in
     * another order could differ in the last bits; the caller then folds the events itself.
     */
    public static Optional<CandidateEvidence> evidenceAt(ReadOnlyKeyValueStore<String, ReadinessEvidence> checkpoints,
            ReadOnlyKeyValueStore<String, Envelope> timeline, String candidateId, Instant at, Rules rules) {
        long millis = at.toEpochMilli();
        if (millis < 0) {
            return Optional.of(CandidateEvidence.NONE);
        }
        long period = Math.floorDiv(millis, PERIOD_MILLIS);
        CandidateEvidence evidence = EvidenceCodec.fromRecord(latestBefore(checkpoints, candidateId, period));
        List<Event> samePeriod = new ArrayList<>();
        try (var range = timeline.range(candidateId + SEPARATOR + digits(period * PERIOD_MILLIS),
                candidateId + SEPARATOR + digits(millis) + SEPARATOR + LAST)) {
            range.forEachRemaining(entry -> samePeriod.add(EventCodec.decode(entry.value)));
        }
        samePeriod.sort(java.util.Comparator.comparingLong(Event::sequence));
        if (!samePeriod.isEmpty() && samePeriod.get(0).sequence() <= evidence.sequence()) {
            return Optional.empty();
        }
        if (samePeriod.isEmpty()) {
            return Optional.of(evidence);
        }
        // In place: each point of a chart folds up to a week of events onto its checkpoint.
        OpenEvidence folded = OpenEvidence.of(evidence);
        for (Event event : samePeriod) {
            ReadinessFold.applyInPlace(folded, event, rules);
        }
        return Optional.of(folded.evidence());
    }

    /** The checkpoint of the last period before {@code period} with events, or null. */
    private static ReadinessEvidence latestBefore(ReadOnlyKeyValueStore<String, ReadinessEvidence> checkpoints,
            String candidateId, long period) {
        if (period <= 0) {
            return null;
        }
        try (var before = checkpoints.reverseRange(checkpointKey(candidateId, 0), checkpointKey(candidateId, period - 1))) {
            return before.hasNext() ? before.next().value : null;
        }
    }

    static String checkpointKey(String candidateId, long period) {
        return candidateId + SEPARATOR + digits(period);
    }

    /** The store key of one event. */
    public static String key(String candidateId, Instant occurredAt, long sequence) {
        return candidateId + SEPARATOR + digits(occurredAt.toEpochMilli()) + SEPARATOR + digits(sequence);
    }

    /** The candidate's indexed events that happened at or before {@code until}, in the order they happened. */
    public static List<Event> upTo(ReadOnlyKeyValueStore<String, Envelope> store, String candidateId, Instant until) {
        List<Event> events = new ArrayList<>();
        long millis = until.toEpochMilli(); // floors: an event of whole millis is at or before until iff at or before this
        if (millis < 0) {
            return events;
        }
        try (var range = store.range(candidateId + SEPARATOR, candidateId + SEPARATOR + digits(millis) + SEPARATOR + LAST)) {
            range.forEachRemaining(entry -> events.add(EventCodec.decode(entry.value)));
        }
        return events;
    }

    private static String digits(long value) {
        String digits = Long.toString(value);
        return "0".repeat(Math.max(0, 19 - digits.length())) + digits;
    }

    /** The period an event's checkpoint is, or -1 for an event before 1970 (no checkpoint: see {@link #evidenceAt}). */
    static long periodOf(Event event) {
        long period = Math.floorDiv(event.occurredAt().toEpochMilli(), PERIOD_MILLIS);
        return period < 0 ? -1 : period;
    }

    /**
     * One candidate's weekly checkpoints folded in memory, as the topology's indexer folds them into
     * its store, for a rebuild that folds the log outside Kafka Streams ({@code replay.LogRebuild}).
     * Only the checkpoints of the last {@code openPeriods} weeks (counted back from the latest one seen)
     * are held; older ones are final unless an event backdated before them arrives, and are handed
     * to {@code done} as they leave. An event backdated further than that cannot be folded here any
     * more: {@link #needsRefold()} turns true, nothing more is handed out, and the caller folds the
     * candidate's events again into a fresh instance with every period held.
     */
    public static final class Checkpoints {
        private final String candidateId;
        private final Rules rules;
        private final long openPeriods;
        /** The weeks held, each folded in place (a rebuild's own values: nobody else sees them). */
        private final java.util.TreeMap<Long, OpenEvidence> open = new java.util.TreeMap<>();
        private long handedOutThrough = -1;
        private OpenEvidence lastHandedOut = OpenEvidence.empty();
        private boolean refold;

        public Checkpoints(String candidateId, Rules rules, long openPeriods) {
            this.candidateId = candidateId;
            this.rules = rules;
            this.openPeriods = openPeriods;
        }

        /**
         * Folds a readiness event (see {@link ReadinessFold#concerns}) into its period and every later
         * one. A checkpoint handed to {@code done} is final: this instance never changes it again.
         */
        public void fold(Event event, java.util.function.BiConsumer<String, OpenEvidence> done) {
            long period = periodOf(event);
            if (period < 0 || refold) {
                return;
            }
            if (period <= handedOutThrough) {
                refold = true;
                open.clear();
                return;
            }
            if (!open.containsKey(period)) {
                var before = open.floorEntry(period);
                OpenEvidence from = before == null ? lastHandedOut : before.getValue();
                // The indexer folds into the weeks that had checkpoints before this event, then its own.
                for (var later : open.tailMap(period, false).entrySet()) {
                    ReadinessFold.applyInPlace(later.getValue(), event, rules);
                }
                if (event.sequence() > from.sequence()) {
                    OpenEvidence after = from.copy();
                    ReadinessFold.applyInPlace(after, event, rules);
                    open.put(period, after);
                }
            } else {
                for (var later : open.tailMap(period, true).entrySet()) {
                    ReadinessFold.applyInPlace(later.getValue(), event, rules);
                }
            }
            while (!open.isEmpty() && open.firstKey() < open.lastKey() - openPeriods) {
                var oldest = open.pollFirstEntry();
                handedOutThrough = oldest.getKey();
                lastHandedOut = oldest.getValue();
                done.accept(checkpointKey(candidateId, oldest.getKey()), oldest.getValue());
            }
        }

        /** Whether an event came too far back in time for this instance: fold them all again into one holding every period. */
        public boolean needsRefold() {
            return refold;
        }

        /** Hands out every checkpoint still held: the candidate's last event has been folded. */
        public void finish(java.util.function.BiConsumer<String, OpenEvidence> done) {
            if (refold) {
                return;
            }
            open.forEach((period, evidence) -> done.accept(checkpointKey(candidateId, period), evidence));
            open.clear();
        }
    }

    private static final class Indexer implements Processor<String, Event, Void, Void> {
        private final Rules rules;
        private KeyValueStore<String, Envelope> store;
        private KeyValueStore<String, ReadinessEvidence> checkpoints;

        Indexer(Rules rules) {
            this.rules = rules;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(STORE);
            checkpoints = context.getStateStore(CHECKPOINTS);
        }

        @Override
        public void process(Record<String, Event> record) {
            Event event = record.value();
            if (ReadinessFold.concerns(event)) {
                store.put(key(event.candidateId(), event.occurredAt(), event.sequence()), EventCodec.encode(event));
                checkpoint(event);
            }
        }

        /** Folds the event into its period's checkpoint (made from the previous period's when new) and every later one. */
        private void checkpoint(Event event) {
            String candidateId = event.candidateId();
            long period = Math.floorDiv(event.occurredAt().toEpochMilli(), PERIOD_MILLIS);
            if (period < 0) {
                return; // refused at the door (not before 2000); evidenceAt answers nothing before 1970 either
            }
            List<KeyValue<String, ReadinessEvidence>> affected = new ArrayList<>();
            try (var later = checkpoints.range(checkpointKey(candidateId, period),
                    checkpointKey(candidateId, Long.MAX_VALUE))) {
                later.forEachRemaining(affected::add);
            }
            if (affected.isEmpty() || !affected.get(0).key.equals(checkpointKey(candidateId, period))) {
                affected.add(0, KeyValue.pair(checkpointKey(candidateId, period),
                        latestBefore(checkpoints, candidateId, period)));
            }
            for (KeyValue<String, ReadinessEvidence> checkpoint : affected) {
                CandidateEvidence before = EvidenceCodec.fromRecord(checkpoint.value);
                CandidateEvidence after = ReadinessFold.apply(before, event, rules);
                if (after != before) {
                    checkpoints.put(checkpoint.key, EvidenceCodec.toRecord(after));
                }
            }
        }
    }
}
