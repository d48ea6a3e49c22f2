package dev.preptrack.projections.replay;

import dev.preptrack.domain.event.Event;
import dev.preptrack.events.Envelope;
import dev.preptrack.projections.CandidateFeedback;
import dev.preptrack.projections.CandidateStories;
import dev.preptrack.projections.feedback.FeedbackLogFold;
import dev.preptrack.projections.readiness.EvidenceCodec;
import dev.preptrack.projections.readiness.OpenEvidence;
import dev.preptrack.projections.readiness.ReadinessFold;
import dev.preptrack.projections.stories.StoryBankFold;
import dev.preptrack.projections.themes.ThemeClassifier;
import dev.preptrack.projections.topology.ProjectionSet;
import dev.preptrack.projections.topology.ReadinessBySection;
import dev.preptrack.projections.topology.ReadinessTimeline;
import dev.preptrack.projections.topology.RecurringFeedbackThemes;
import dev.preptrack.projections.topology.StoryHistory;
import dev.preptrack.rules.Rules;
import dev.preptrack.schemas.Subjects;
import dev.preptrack.schemas.codec.EventCodec;
import dev.preptrack.schemas.kafka.KafkaAccess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A new rules version's projections folded straight from the events topic, outside Kafka
 * Streams, into the stores its {@link ProjectionSet} will restore: the rebuild's heavy part.
 * Folding the log through the set itself cost a store read, a decode, an encode and a store
 * write per event per projection (hundreds of events a second; docs/benchmarks.md); here each
 * candidate's values stay decoded in memory while their events stream past, and are written
 * once, when the candidate's last event up to the targets has been folded.
 *
 * <p>Partition by partition ({@value #FOLD_THREADS} at once): every event below the partition's target is read (committed ones
 * only) and folded with the projections' own folds — {@link StoryBankFold}, {@link FeedbackLogFold},
 * {@link ReadinessFold}, and the timeline's index and weekly checkpoints as
 * {@link ReadinessTimeline} keeps them — and each store's final values are written to the
 * changelog topic Kafka Streams restores that store from, in the same partition. In the same
 * transaction the set's consumer group is given the target as its committed offset, so a
 * partition is either wholly rebuilt (its stores complete and the set resuming exactly at its
 * target) or not at all. When every partition is, the set starts, restores its stores from those
 * changelogs, and folds whatever was written after the targets as it always does.
 *
 * <p>A stop or crash loses at most the partition under way: a partition already committed is not
 * read again, and an interrupted transaction is aborted (the next run's producer, under the same
 * transactional id, fences it), so read-committed restores never see its records. Memory is
 * bounded by reading a large partition in several passes, each folding the candidates of one
 * share of it ({@value #EVENTS_PER_PASS} events per pass).
 *
 * <p>Classifying feedback text is the fold's dearest step (one to a few milliseconds a text). When
 * the new rules' theme definitions classify alike with a running set's, each pass first takes
 * the classifier's answers that set's feedback store kept for the pass's candidates
 * ({@link KnownClassifications}) and pins them for the pass: a rebuild after a change to weights
 * or half-lives classifies only texts that store does not hold.
 */
public final class LogRebuild {

    private static final Logger log = LoggerFactory.getLogger(LogRebuild.class);

    /**
     * Partitions folded at once; each thread holds one pass of its partition in memory. One: on a
     * laptop's two cores, a second fold thread took the CPU the person's writes need (write →
     * visible p99 324–444 ms during a 1M-event rebuild, against 40 ms with one) for about 5 % more
     * rate (docs/benchmarks.md, 2026-12-03). A machine with cores to spare may raise it.
     */
    static final int FOLD_THREADS = 1;
    /** Events folded per pass over a partition: bounds the decoded values held in memory. */
    static final int EVENTS_PER_PASS = 40_000;
    /**
     * Weekly checkpoints held per candidate; older ones are written out. An event backdated further
     * than this (notes imported long after) makes that candidate's checkpoints be folded again in a
     * pass of their own.
     */
    static final long OPEN_WEEKS = 5;

    /** The stores of a projection set, each restored from {@code <application id>-<store>-changelog}. */
    public static final List<String> STORES = List.of(StoryHistory.STORE, ReadinessBySection.STORE,
            RecurringFeedbackThemes.STORE, ReadinessTimeline.STORE, ReadinessTimeline.CHECKPOINTS);

    private final KafkaAccess kafka;
    private final ProjectionSet.Wiring wiring;
    private final Rules rules;
    private final String applicationId;
    private final Map<Integer, Long> targets;
    private final short replication;
    private final FeedbackLogFold feedbackFold;
    private final ThemeClassifier classifier;
    private final KnownClassifications known;
    private final AtomicLong folded = new AtomicLong();
    private final AtomicLong poison = new AtomicLong();
    private volatile boolean cancelled;

    /**
     * @param applicationId the set's, whose stores and consumer group this fills
     * @param targets the events topic's end offsets when the version was published, by partition
     * @param replication the replication factor Kafka Streams gives the set's changelogs
     */
    public LogRebuild(KafkaAccess kafka, ProjectionSet.Wiring wiring, Rules rules, String applicationId,
            Map<Integer, Long> targets, short replication) {
        this(kafka, wiring, rules, applicationId, targets, replication, KnownClassifications.NONE);
    }

    /**
     * As above, with the classifications another set already made under theme definitions that
     * classify alike with {@code rules}' ({@link ThemeClassifier#classifyAlike}).
     */
    public LogRebuild(KafkaAccess kafka, ProjectionSet.Wiring wiring, Rules rules, String applicationId,
            Map<Integer, Long> targets, short replication, KnownClassifications known) {
        this.kafka = kafka;
        this.wiring = wiring;
        this.rules = rules;
        this.applicationId = applicationId;
        this.targets = Map.copyOf(targets);
        this.replication = replication;
        this.feedbackFold = FeedbackLogFold.forRules(rules.themes());
        this.classifier = ThemeClassifier.forRules(rules.themes());
        this.known = known;
    }

    /** The classifier's answers a running set kept for the candidates of a partition that {@code wanted} takes. */
    @FunctionalInterface
    public interface KnownClassifications {
        KnownClassifications NONE = (partition, wanted) -> Map.of();

        /** Text → classification; empty where none are at hand. */
        Map<String, ThemeClassifier.Classification> of(int partition, java.util.function.Predicate<String> wanted);
    }

    /** Kafka Streams' name for the topic a store of {@code applicationId} is restored from. */
    public static String changelogTopic(String applicationId, String store) {
        return applicationId + "-" + store + "-changelog";
    }

    /** Events folded so far (whole partitions already committed included). */
    public long folded() {
        return folded.get();
    }

    /** Stops at the next record; the partition under way is left uncommitted. */
    public void cancel() {
        cancelled = true;
    }

    /** What a partition's committed offset says when a log fold, not Kafka Streams, committed it. */
    static final String COMMITTED_BY = "preptrack-log-fold";

    /**
     * Whether Kafka Streams has never committed anything for the set: every committed offset (if
     * any) is a log fold's. Such a set (its topology changed in this build, say) is better folded
     * from the log than through Streams; one Streams has folded goes on from its own offsets.
     */
    public boolean neverFoldedByStreams() {
        try (Admin admin = admin()) {
            return admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get().values().stream()
                    .allMatch(offset -> offset == null || COMMITTED_BY.equals(offset.metadata()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + applicationId + "'s offsets", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read " + applicationId + "'s committed offsets: " + e.getCause(), e);
        }
    }

    /**
     * Whether nothing is left for a log fold: every partition with events below its target has its
     * stores and committed offset, or the set already runs somewhere (and folds the rest itself).
     */
    public boolean complete() {
        try (Admin admin = admin()) {
            return setRunsSomewhere(admin) || remaining(committed(admin)).isEmpty();
        }
    }

    /**
     * Folds every partition not yet committed. Returns normally once all are; throws when a
     * partition cannot be (the broker gone, another instance fencing this one's transaction) —
     * what was committed stays, and the next run goes on from there.
     */
    public void run() {
        try (Admin admin = admin()) {
            if (setRunsSomewhere(admin)) {
                // Another instance folded it and started the set: its offsets are the group's to move now.
                return;
            }
            createChangelogs(admin);
            Map<Integer, Long> committed = committed(admin);
            List<Integer> remaining = remaining(committed);
            // Each process starts at another partition, so that two instances folding the same version
            // rarely want the same partition at once (the second would fence the first's transaction).
            java.util.Collections.rotate(remaining, ROTATION);
            targets.forEach((partition, target) -> {
                if (!remaining.contains(partition)) {
                    folded.addAndGet(target);
                }
            });
            foldAll(remaining, admin);
            if (poison.get() > 0) {
                log.warn("{} records of {} could not be decoded and were left out of {}'s rebuild (the active version "
                        + "set them aside on the dead-letter topic)", poison.get(), Subjects.EVENTS_TOPIC, applicationId);
            }
        }
    }

    private List<Integer> remaining(Map<Integer, Long> committed) {
        List<Integer> remaining = new ArrayList<>();
        targets.forEach((partition, target) -> {
            if (target > 0 && committed.getOrDefault(partition, 0L) < target) {
                remaining.add(partition);
            }
        });
        remaining.sort(null);
        return remaining;
    }

    private Map<Integer, Long> committed(Admin admin) {
        try {
            Map<Integer, Long> committed = new HashMap<>();
            admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get().forEach((tp, offset) -> {
                if (tp.topic().equals(Subjects.EVENTS_TOPIC) && offset != null) {
                    committed.put(tp.partition(), offset.offset());
                }
            });
            return committed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + applicationId + "'s offsets", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read " + applicationId + "'s committed offsets: " + e.getCause(), e);
        }
    }

    /** The set's changelogs, made as Kafka Streams would make them (it checks only their partitions). */
    private void createChangelogs(Admin admin) {
        int partitions = targets.size();
        List<NewTopic> topics = STORES.stream().map(store -> new NewTopic(changelogTopic(applicationId, store),
                partitions, replication).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "CreateTime"))).toList();
        for (var result : admin.createTopics(topics).values().entrySet()) {
            try {
                result.getValue().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating " + result.getKey(), e);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create " + result.getKey() + ": " + e.getCause(), e);
                }
            }
        }
    }

    /** One candidate's values while their events stream past. */
    private final class Candidate {
        final String id;
        final CandidateStories stories = StoryBankFold.empty();
        final CandidateFeedback feedback = FeedbackLogFold.empty();
        final OpenEvidence evidence = OpenEvidence.empty();
        final ReadinessTimeline.Checkpoints checkpoints;

        Candidate(String id) {
            this.id = id;
            this.checkpoints = new ReadinessTimeline.Checkpoints(id, rules, OPEN_WEEKS);
        }
    }

    /** Whether the set's consumer group has members: its set runs, and a fold must not move its offsets. */
    private boolean setRunsSomewhere(Admin admin) {
        try {
            var group = admin.describeConsumerGroups(List.of(applicationId)).describedGroups().get(applicationId).get();
            return !group.members().isEmpty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing " + applicationId, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.GroupIdNotFoundException) {
                return false;
            }
            throw new IllegalStateException("cannot describe " + applicationId + "'s group: " + e.getCause(), e);
        }
    }

    private static final int ROTATION = new java.util.Random().nextInt(1 << 16);

    /**
     * Folds the partitions, {@link #FOLD_THREADS} at a time, each committed on its own; waits for
     * every one under way before it throws the first failure (what the others committed stays).
     */
    private void foldAll(List<Integer> partitions, Admin admin) {
        int threads = Math.max(1, Math.min(FOLD_THREADS, partitions.size()));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(threads, work -> {
            Thread thread = new Thread(work, applicationId + "-log-fold");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<java.util.concurrent.Future<?>> folds = new ArrayList<>();
            for (int partition : partitions) {
                folds.add(pool.submit(() -> {
                    long started = System.nanoTime();
                    long reused = foldPartition(partition, admin);
                    log.info("rebuilt partition {} of {} for {} in {} ms ({} feedback texts' themes taken from a "
                            + "running set)", partition, Subjects.EVENTS_TOPIC, applicationId,
                            (System.nanoTime() - started) / 1_000_000, reused);
                    return null;
                }));
            }
            RuntimeException failure = null;
            for (var fold : folds) {
                try {
                    fold.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException runtime ? runtime
                                : new IllegalStateException(e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    cancel();
                    throw new CancelledException();
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Folds one partition and commits it; returns how many texts' themes it took from a running set. */
    private long foldPartition(int partition, Admin admin) {
        long target = targets.get(partition);
        int passes = (int) Math.max(1, (target + EVENTS_PER_PASS - 1) / EVENTS_PER_PASS);
        long reused = 0;
        long events = 0;
        try (var producer = producer(partition)) {
            producer.initTransactions();
            producer.beginTransaction();
            var out = new Writer(producer, partition);
            for (int pass = 0; pass < passes; pass++) {
                int share = pass;
                java.util.function.Predicate<String> inPass = key -> inShare(key, share, passes);
                var answers = known.of(partition, inPass);
                reused += answers.size();
                try (var pinned = classifier.pin(answers)) {
                    events += foldPass(partition, target, inPass, out);
                }
            }
            // A group that gained members meanwhile (another instance's set started) or already stands at
            // the target keeps its own: closing without committing aborts everything written here.
            if (cancelled) {
                throw new CancelledException();
            }
            if (setRunsSomewhere(admin) || committed(admin).getOrDefault(partition, 0L) >= target) {
                log.info("left partition {} of {} to the set that runs it", partition, applicationId);
            } else {
                producer.sendOffsetsToTransaction(Map.of(new TopicPartition(Subjects.EVENTS_TOPIC, partition),
                        new OffsetAndMetadata(target, COMMITTED_BY)), new ConsumerGroupMetadata(applicationId));
                producer.commitTransaction();
            }
        }
        // Progress counts offsets, and a partition done is all of its offsets below the target (the
        // writer's transaction markers and undecodable records included).
        folded.addAndGet(target - events);
        return reused;
    }

    /** One pass over a partition: the candidates {@code inPass} takes, folded and written out; returns how many events. */
    private long foldPass(int partition, long target, java.util.function.Predicate<String> inPass, Writer out) {
        Map<String, Candidate> candidates = new HashMap<>();
        long[] events = {0};
        read(partition, target, inPass, true, (record, event) -> {
            folded.incrementAndGet();
            events[0]++;
            Candidate candidate = candidates.computeIfAbsent(event.candidateId(), Candidate::new);
            StoryBankFold.applyInPlace(candidate.stories, event);
            feedbackFold.applyInPlace(candidate.feedback, event);
            ReadinessFold.applyInPlace(candidate.evidence, event, rules);
            if (ReadinessFold.concerns(event)) {
                // Kept as logged, as the timeline's indexer keeps it (its bytes are the envelope's).
                out.raw(ReadinessTimeline.STORE, ReadinessTimeline.key(event.candidateId(), event.occurredAt(),
                        event.sequence()), record.value());
                candidate.checkpoints.fold(event, out::checkpoint);
            }
        });
        refoldCheckpoints(partition, target, candidates, out);
        for (Candidate candidate : candidates.values()) {
            out.value(StoryHistory.STORE, candidate.id, candidate.stories, wiring.stories().serializer());
            out.value(RecurringFeedbackThemes.STORE, candidate.id, candidate.feedback,
                    wiring.feedback().serializer());
            out.value(ReadinessBySection.STORE, candidate.id, EvidenceCodec.toRecord(candidate.evidence),
                    wiring.readiness().serializer());
            candidate.checkpoints.finish(out::checkpoint);
        }
        return events[0];
    }

    /** The candidates whose checkpoints an event backdated too far: folded again, every day held. */
    private void refoldCheckpoints(int partition, long target, Map<String, Candidate> candidates, Writer out) {
        Map<String, ReadinessTimeline.Checkpoints> again = new HashMap<>();
        candidates.values().stream().filter(c -> c.checkpoints.needsRefold())
                .forEach(c -> again.put(c.id, new ReadinessTimeline.Checkpoints(c.id, rules, Long.MAX_VALUE)));
        if (again.isEmpty()) {
            return;
        }
        Set<String> keys = new HashSet<>(again.keySet());
        read(partition, target, keys::contains, false, (record, event) -> {
            var checkpoints = again.get(event.candidateId());
            if (checkpoints != null && ReadinessFold.concerns(event)) {
                checkpoints.fold(event, out::checkpoint);
            }
        });
        again.values().forEach(checkpoints -> checkpoints.finish(out::checkpoint));
    }

    private static boolean inShare(String key, int share, int shares) {
        return shares == 1 || Math.floorMod(key.hashCode(), shares) == share;
    }

    /** Every committed event of the partition below {@code target} whose key {@code wanted} takes, decoded. */
    private void read(int partition, long target, java.util.function.Predicate<String> wanted, boolean countPoison,
            BiConsumer<ConsumerRecord<byte[], byte[]>, Event> fold) {
        var topicPartition = new TopicPartition(Subjects.EVENTS_TOPIC, partition);
        var events = wiring.events().events().deserializer();
        try (var consumer = new KafkaConsumer<>(consumerProperties(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(List.of(topicPartition));
            consumer.seekToBeginning(List.of(topicPartition));
            while (consumer.position(topicPartition) < target) {
                if (cancelled) {
                    throw new CancelledException();
                }
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() >= target) {
                        break;
                    }
                    // The writer keys every event by its candidate; a record without a key is no event.
                    String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
                    if (!wanted.test(key)) {
                        continue;
                    }
                    Event event = decoded(record, events, countPoison);
                    if (event != null) {
                        fold.accept(record, event);
                    }
                }
            }
        }
    }

    private Event decoded(ConsumerRecord<byte[], byte[]> record,
            org.apache.kafka.common.serialization.Deserializer<Envelope> events, boolean countPoison) {
        try {
            Envelope envelope = events.deserialize(record.topic(), record.headers(), record.value());
            return envelope == null ? null : EventCodec.decode(envelope);
        } catch (RuntimeException e) {
            if (dev.preptrack.schemas.registry.SchemaRegistryException.unavailableIn(e)) {
                throw e;
            }
            // Poison: the active version's set has dead-lettered it; no fold sees it there either.
            if (countPoison) {
                poison.incrementAndGet();
            }
            return null;
        }
    }

    /** The records of one partition's stores, in that partition of their changelogs. */
    private final class Writer {
        private final KafkaProducer<byte[], byte[]> producer;
        private final int partition;

        Writer(KafkaProducer<byte[], byte[]> producer, int partition) {
            this.producer = producer;
            this.partition = partition;
        }

        void raw(String store, String key, byte[] value) {
            producer.send(new ProducerRecord<>(changelogTopic(applicationId, store), partition,
                    key.getBytes(StandardCharsets.UTF_8), value));
        }

        <V> void value(String store, String key, V value, Serializer<V> serializer) {
            String topic = changelogTopic(applicationId, store);
            producer.send(new ProducerRecord<>(topic, partition, key.getBytes(StandardCharsets.UTF_8),
                    serializer.serialize(topic, value)));
        }

        void checkpoint(String key, OpenEvidence evidence) {
            value(ReadinessTimeline.CHECKPOINTS, key, EvidenceCodec.toRecord(evidence), wiring.readiness().serializer());
        }
    }

    /** The rebuild was cancelled (its version retired); nothing of the partition under way was committed. */
    public static final class CancelledException extends RuntimeException {
        CancelledException() {
            super("the rebuild was cancelled");
        }
    }

    private Properties consumerProperties() {
        Properties props = kafka.properties();
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, applicationId + "-rebuild-reader");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        return props;
    }

    private KafkaProducer<byte[], byte[]> producer(int partition) {
        Properties props = kafka.properties();
        // One id per set and partition: a second run (a restart, another instance) fences the first.
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, applicationId + "-rebuild-" + partition);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, applicationId + "-rebuild-" + partition);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        // A partition's transaction lasts as long as its fold; the broker's ceiling is 15 minutes by default.
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 600_000);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private Admin admin() {
        Properties props = kafka.properties();
        props.put(org.apache.kafka.clients.admin.AdminClientConfig.CLIENT_ID_CONFIG, applicationId + "-rebuild-admin");
        return Admin.create(props);
    }
}
