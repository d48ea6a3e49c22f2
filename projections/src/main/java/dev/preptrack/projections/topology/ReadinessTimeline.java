package dev.preptrack.projections.topology;

import dev.preptrack.domain.event.Event;
import dev.preptrack.events.Envelope;
import dev.preptrack.projections.readiness.ReadinessFold;
import dev.preptrack.schemas.codec.EventCodec;
import dev.preptrack.projections.ReadinessEvidence;
import dev.preptrack.projections.readiness.CandidateEvidence;
import dev.preptrack.projections.readiness.EvidenceCodec;
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
     * The readiness evidence as of the end of each day the candidate has events on: keyed
     * {@code candidate \u0000 day (days since the epoch, 19 digits)}, the fold, in sequence order,
     * of every event that happened on or before that day. Folding an event updates its own day's
     * checkpoint and every later one (one, unless the event was backdated), so "as of" a time is a
     * checkpoint plus that day's events, not the whole history again.
     */
    public static final String CHECKPOINTS = "readiness-checkpoints";
    public static final String INDEX = "index-readiness-events";
    private static final char SEPARATOR = '\u0000';
    private static final String LAST = "9".repeat(19);
    private static final long DAY_MILLIS = 86_400_000L;

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
     * {@link ReadinessFold#asOf} folds them: the checkpoint of the last day before {@code at}'s
     * with events, then that day's events up to {@code at} in sequence order. Empty when that day
     * has an event logged before one of the checkpoint's (a backdated write), because folding in
     * another order could differ in the last bits; the caller then folds the events itself.
     */
    public static Optional<CandidateEvidence> evidenceAt(ReadOnlyKeyValueStore<String, ReadinessEvidence> checkpoints,
            ReadOnlyKeyValueStore<String, Envelope> timeline, String candidateId, Instant at, Rules rules) {
        long millis = at.toEpochMilli();
        if (millis < 0) {
            return Optional.of(CandidateEvidence.NONE);
        }
        long day = Math.floorDiv(millis, DAY_MILLIS);
        CandidateEvidence evidence = EvidenceCodec.fromRecord(latestBefore(checkpoints, candidateId, day));
        List<Event> sameDay = new ArrayList<>();
        try (var range = timeline.range(candidateId + SEPARATOR + digits(day * DAY_MILLIS),
                candidateId + SEPARATOR + digits(millis) + SEPARATOR + LAST)) {
            range.forEachRemaining(entry -> sameDay.add(EventCodec.decode(entry.value)));
        }
        sameDay.sort(java.util.Comparator.comparingLong(Event::sequence));
        if (!sameDay.isEmpty() && sameDay.get(0).sequence() <= evidence.sequence()) {
            return Optional.empty();
        }
        for (Event event : sameDay) {
            evidence = ReadinessFold.apply(evidence, event, rules);
        }
        return Optional.of(evidence);
    }

    /** The checkpoint of the last day before {@code day} with events, or null. */
    private static ReadinessEvidence latestBefore(ReadOnlyKeyValueStore<String, ReadinessEvidence> checkpoints,
            String candidateId, long day) {
        if (day <= 0) {
            return null;
        }
        try (var before = checkpoints.reverseRange(checkpointKey(candidateId, 0), checkpointKey(candidateId, day - 1))) {
            return before.hasNext() ? before.next().value : null;
        }
    }

    static String checkpointKey(String candidateId, long day) {
        return candidateId + SEPARATOR + digits(day);
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

    /** The day an event's checkpoint is, or -1 for an event before 1970 (no checkpoint: see {@link #evidenceAt}). */
    static long dayOf(Event event) {
        long day = Math.floorDiv(event.occurredAt().toEpochMilli(), DAY_MILLIS);
        return day < 0 ? -1 : day;
    }

    /**
     * One candidate's daily checkpoints folded in memory, as the topology's indexer folds them into
     * its store, for a rebuild that folds the log outside Kafka Streams ({@code replay.LogRebuild}).
     * Only the checkpoints of the last {@code openDays} days (counted back from the latest day seen)
     * are held; older ones are final unless an event backdated before them arrives, and are handed
     * to {@code done} as they leave. An event backdated further than that cannot be folded here any
     * more: {@link #needsRefold()} turns true, nothing more is handed out, and the caller folds the
     * candidate's events again into a fresh instance with every day held.
     */
    public static final class Checkpoints {
        private final String candidateId;
        private final Rules rules;
        private final long openDays;
        private final java.util.TreeMap<Long, CandidateEvidence> open = new java.util.TreeMap<>();
        private long handedOutThrough = -1;
        private CandidateEvidence lastHandedOut = CandidateEvidence.NONE;
        private boolean refold;

        public Checkpoints(String candidateId, Rules rules, long openDays) {
            this.candidateId = candidateId;
            this.rules = rules;
            this.openDays = openDays;
        }

        /** Folds a readiness event (see {@link ReadinessFold#concerns}) into its day and every later one. */
        public void fold(Event event, java.util.function.BiConsumer<String, CandidateEvidence> done) {
            long day = dayOf(event);
            if (day < 0 || refold) {
                return;
            }
            if (day <= handedOutThrough) {
                refold = true;
                open.clear();
                return;
            }
            if (!open.containsKey(day)) {
                var before = open.floorEntry(day);
                CandidateEvidence from = before == null ? lastHandedOut : before.getValue();
                CandidateEvidence after = ReadinessFold.apply(from, event, rules);
                // The indexer folds into the days that had checkpoints before this event, then its own.
                for (var later : open.tailMap(day, false).entrySet()) {
                    later.setValue(ReadinessFold.apply(later.getValue(), event, rules));
                }
                if (after != from) {
                    open.put(day, after);
                }
            } else {
                for (var later : open.tailMap(day, true).entrySet()) {
                    later.setValue(ReadinessFold.apply(later.getValue(), event, rules));
                }
            }
            while (!open.isEmpty() && open.firstKey() < open.lastKey() - openDays) {
                var oldest = open.pollFirstEntry();
                handedOutThrough = oldest.getKey();
                lastHandedOut = oldest.getValue();
                done.accept(checkpointKey(candidateId, oldest.getKey()), oldest.getValue());
            }
        }

        /** Whether an event came too far back in time for this instance: fold them all again into one holding every day. */
        public boolean needsRefold() {
            return refold;
        }

        /** Hands out every checkpoint still held: the candidate's last event has been folded. */
        public void finish(java.util.function.BiConsumer<String, CandidateEvidence> done) {
            if (refold) {
                return;
            }
            open.forEach((day, evidence) -> done.accept(checkpointKey(candidateId, day), evidence));
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

        /** Folds the event into its day's checkpoint (made from the previous day's when new) and every later one. */
        private void checkpoint(Event event) {
            String candidateId = event.candidateId();
            long day = Math.floorDiv(event.occurredAt().toEpochMilli(), DAY_MILLIS);
            if (day < 0) {
                return; // refused at the door (not before 2000); evidenceAt answers nothing before 1970 either
            }
            List<KeyValue<String, ReadinessEvidence>> affected = new ArrayList<>();
            try (var later = checkpoints.range(checkpointKey(candidateId, day),
                    checkpointKey(candidateId, Long.MAX_VALUE))) {
                later.forEachRemaining(affected::add);
            }
            if (affected.isEmpty() || !affected.get(0).key.equals(checkpointKey(candidateId, day))) {
                affected.add(0, KeyValue.pair(checkpointKey(candidateId, day),
                        latestBefore(checkpoints, candidateId, day)));
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
