package dev.preptrack.ui.wiring;

import dev.preptrack.projections.query.ReadQueries;
import dev.preptrack.projections.replay.LogRebuild;
import dev.preptrack.projections.replay.RebuildProgress;
import dev.preptrack.projections.replay.RulesLog;
import dev.preptrack.projections.replay.SetRetirement;
import dev.preptrack.projections.themes.ThemeClassifier;
import dev.preptrack.projections.topology.CatchUp;
import dev.preptrack.projections.topology.ProjectionSet;
import dev.preptrack.projections.topology.ProjectionSettings;
import dev.preptrack.rules.Rules;
import dev.preptrack.rules.RulesLoader;
import dev.preptrack.rules.log.RulesCatalog;
import dev.preptrack.rules.log.RulesChange;
import dev.preptrack.rules.log.RulesVersion;
import dev.preptrack.schemas.Subjects;
import dev.preptrack.schemas.kafka.KafkaAccess;
import dev.preptrack.ui.http.RulesAdmin;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one projection set per live rules version, as the rules log says, and moves reads between
 * them: blue/green. The active version's set answers every read; a published version's set folds
 * the events from the first offset beside it (its own application id, stores and output topics),
 * and once its committed offsets reach the targets captured at publication this appends "caught
 * up" and — unless it is a dry run — "activated"; every instance that reads that record switches
 * its reads at once, whole answers at a time. The version active before is kept running for an
 * instant rollback; the one before that is retired: its set closed, its state directory, consumer
 * group, changelogs and output topics deleted.
 *
 * <p>All of this happens on one thread, in {@link #reconcile}: after every change in the log and,
 * while a rebuild runs or a retirement waits, once a second. With nothing to do it does nothing.
 * A restart simply reconciles again: a rebuild's set resumes from its committed offsets and
 * restored stores, not from zero.
 */
public final class ProjectionVersions implements RulesAdmin, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProjectionVersions.class);
    private static final Duration LOG_WRITE = Duration.ofSeconds(10);
    private static final Duration EVERY = Duration.ofSeconds(1);

    /**
     * Starts a version's set (its output topics made first) under that version's rules; a
     * {@code gated} one publishes nothing until {@link ProjectionSet#openOutputs}, and a
     * {@code rebuilding} one (not caught up yet) commits less often.
     */
    public interface SetStarter {
        ProjectionSet start(Rules rules, boolean gated, boolean rebuilding);
    }

    /**
     * Makes the fold of a rebuilding version straight from the log ({@link LogRebuild}) into the
     * stores of its set's application {@code applicationId}, up to {@code targets}, taking the
     * feedback classifications {@code known} holds instead of classifying those texts again.
     */
    public interface LogFolds {
        LogRebuild of(Rules rules, String applicationId, Map<Integer, Long> targets,
                LogRebuild.KnownClassifications known);
    }

    /** Told when reads move to another version, with that version's set and read use cases. */
    public interface Switch {
        void to(Rules rules, ProjectionSet set, ReadQueries reads);
    }

    private record Running(Rules rules, ProjectionSet set, ReadQueries reads, KafkaStreamsMetrics metrics) {
    }

    private record Folding(LogRebuild rebuild, java.util.concurrent.Future<?> done) {
    }

    /** A log fold that failed this many times in a row marks its version failed. */
    private static final int FOLD_ATTEMPTS = 3;
    /** How long after a failed log fold the next attempt waits (another instance may be folding it). */
    private static final Duration FOLD_RETRY = Duration.ofSeconds(15);

    private final RulesLog rulesLog;
    private final KafkaAccess kafka;
    private final SetStarter starter;
    private final LogFolds logFolds;
    private final Map<Integer, Folding> folding = new ConcurrentHashMap<>();
    private final Map<Integer, Integer> foldFailures = new ConcurrentHashMap<>();
    private final Map<Integer, Long> foldNotBefore = new ConcurrentHashMap<>();
    /** Cancelled log folds not stopped yet: their version's topics wait for them. */
    private final Map<Integer, java.util.concurrent.Future<?>> stopping = new ConcurrentHashMap<>();
    /** Versions folded from the log at start: their sets start gated, and publish every candidate once opened. */
    private final Set<Integer> foldedAtStart = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.ExecutorService folder = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "preptrack-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private final Function<ProjectionSet, ReadQueries> readsOf;
    private final MeterRegistry meters;
    private final Clock clock;
    private final java.nio.file.Path stateDir;
    private final Map<Integer, Running> running = new ConcurrentHashMap<>();
    private final Map<Integer, RebuildProgress> progress = new ConcurrentHashMap<>();
    /** Retired versions whose consumer group and topics are still to delete (another instance may still run them). */
    private final Set<Integer> toDelete = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "preptrack-rules");
        thread.setDaemon(true);
        return thread;
    });
    /** A look is scheduled: {@link #again} adds none beside it. */
    private final java.util.concurrent.atomic.AtomicBoolean ticking = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile Switch onSwitch;
    private volatile int served;
    private volatile boolean closed;

    /** @param logFolds how a rebuild folds the log before its set starts; null: its set folds it all */
    public ProjectionVersions(RulesLog rulesLog, KafkaAccess kafka, SetStarter starter, LogFolds logFolds,
            Function<ProjectionSet, ReadQueries> readsOf, MeterRegistry meters, Clock clock,
            java.nio.file.Path stateDir) {
        this.logFolds = logFolds;
        this.stateDir = stateDir;
        this.rulesLog = rulesLog;
        this.kafka = kafka;
        this.starter = starter;
        this.readsOf = readsOf;
        this.meters = meters;
        this.clock = clock;
    }

    /**
     * Starts the set of every live version (the active one, a kept one, a rebuild to resume, a dry
     * run) and returns the active version's, which start-up waits for before it serves.
     */
    public ProjectionSet startSets() {
        RulesCatalog catalog = rulesLog.catalog();
        served = catalog.active();
        for (RulesVersion version : catalog.running()) {
            try {
                if (version.version() != served && foldsFromLog(version)) {
                    continue;
                }
            } catch (RuntimeException e) {
                // The broker slow to answer about a rebuild: start-up goes on, and the loop tries again.
                log.warn("cannot tell yet whether rules version {} folds from the log: {}", version.version(),
                        e.toString());
                continue;
            }
            if (version.version() == served) {
                foldFromLogWhenNew(version);
            }
            if (!startSet(version) && version.version() == served) {
                throw new IllegalStateException("the projections of the active rules version " + served
                        + " cannot be started; see the log above");
            }
        }
        // A retirement a stop or a crash interrupted: what is left of it is deleted from here on.
        catalog.versions().stream().filter(v -> v.retiredAt() != null).forEach(v -> toDelete.add(v.version()));
        return running.get(served).set();
    }

    /** The active version's rules and read use cases. */
    public Rules activeRules() {
        return running.get(served).rules();
    }

    public ReadQueries activeReads() {
        return running.get(served).reads();
    }

    /** From now on, follows the log: rebuilds, switches (telling {@code onSwitch}), retires. */
    public void follow(Switch onSwitch) {
        this.onSwitch = onSwitch;
        // An activation read from the log moves this instance's reads before the catalog shows it:
        // a client told "switched" (or "active") then reads the new version, never the old.
        rulesLog.beforeVisible(this::switchReads);
        rulesLog.onChange(catalog -> soon());
        soon();
    }

    private void soon() {
        try {
            loop.execute(this::reconcile);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // closed: nothing more to reconcile
        }
    }

    /** One look a second while something is under way; one chain of them, however many changes arrive. */
    private void again() {
        if (closed || !ticking.compareAndSet(false, true)) {
            return;
        }
        try {
            loop.schedule(() -> {
                ticking.set(false);
                reconcile();
            }, EVERY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // closed
        }
    }

    private void reconcile() {
        if (closed) {
            return;
        }
        boolean underWay = false;
        try {
            RulesCatalog catalog = rulesLog.catalog();
            Set<Integer> live = new java.util.HashSet<>();
            for (RulesVersion version : catalog.running()) {
                live.add(version.version());
                if (!running.containsKey(version.version()) && !foldsFromLog(version)) {
                    startSet(version);
                }
            }
            for (Integer version : List.copyOf(folding.keySet())) {
                if (!live.contains(version)) {
                    Folding cancelled = folding.remove(version);
                    cancelled.rebuild().cancel();
                    // Its topics and group are deleted once the fold has stopped (it could commit until then).
                    stopping.put(version, cancelled.done());
                    toDelete.add(version);
                    forgetProgress(version);
                }
            }
            // Reads move first, so that a set about to stop never answers one.
            switchReads(catalog);
            for (Integer version : List.copyOf(running.keySet())) {
                if (!live.contains(version) && version != served) {
                    stopSet(version, catalog.version(version).map(v -> v.retiredAt() != null).orElse(false));
                }
            }
            failBroken(catalog);
            // Another instance may have seen the rebuild catch up first: publish from here too.
            catalog.running().stream().filter(v -> v.caughtUpAt() != null || v.everActive())
                    .map(v -> running.get(v.version())).filter(java.util.Objects::nonNull)
                    .forEach(r -> r.set().openOutputs());
            followRebuild(catalog);
            // Each step below reads the catalog afresh: an append above, or another instance's, may have moved it.
            rulesLog.catalog().awaitingSwitch().ifPresent(v -> append(new RulesChange.Activated(
                    UUID.randomUUID().toString(), v.version(), clock.instant(), "rebuilt")));
            for (RulesVersion superseded : rulesLog.catalog().superseded()) {
                append(new RulesChange.Retired(superseded.version(), clock.instant(), "superseded"));
            }
            deleteRetired();
            underWay = rulesLog.catalog().rebuilding().isPresent() || !toDelete.isEmpty() || !folding.isEmpty();
        } catch (RuntimeException e) {
            log.warn("reconciling the rules versions failed; trying again shortly: {}", e.toString(), e);
            underWay = true;
        } finally {
            if (underWay) {
                again();
            }
        }
    }

    /** A set that stopped by itself (its stream thread died) is a failed version, unless it is the active one. */
    private void failBroken(RulesCatalog catalog) {
        for (var entry : List.copyOf(running.entrySet())) {
            var state = entry.getValue().set().state();
            if (entry.getKey() != served && (state == org.apache.kafka.streams.KafkaStreams.State.ERROR
                    || state == org.apache.kafka.streams.KafkaStreams.State.NOT_RUNNING)) {
                append(new RulesChange.Failed(entry.getKey(), clock.instant(),
                        "its projections stopped (" + state + "); see the log"));
            }
        }
    }

    /** Starts a version's set; false (the version marked failed, unless active) when it cannot be. */
    private boolean startSet(RulesVersion version) {
        Rules rules;
        try {
            rules = RulesLoader.publishedAs(version.document(), version.version());
        } catch (RuntimeException e) {
            // Validated when published; a later build may no longer accept it.
            log.warn("rules version {} cannot be read by this build: {}", version.version(), e.getMessage());
            append(new RulesChange.Failed(version.version(), clock.instant(),
                    "this build cannot read the document: " + e.getMessage()));
            return false;
        }
        ProjectionSet set;
        try {
            // Every version but the shipped one starts gated: a rebuild publishes nothing until it has
            // caught up, and a set that has caught up publishes every candidate once again at start, in
            // case a stop came between its catching up and that publication.
            // A set folded from the log at start also publishes every candidate once: its output topics
            // still hold what the set before it published.
            set = starter.start(rules, version.version() > 1 || foldedAtStart.contains(version.version()),
                    version.caughtUpAt() == null && !version.everActive());
        } catch (RuntimeException e) {
            log.warn("the projections of rules version {} cannot be started: {}", version.version(), e.toString(), e);
            append(new RulesChange.Failed(version.version(), clock.instant(), "its projections cannot start: " + e));
            return false;
        }
        if (closed) {
            set.close();
            return false;
        }
        var metrics = new KafkaStreamsMetrics(set.streams(), List.of(Tag.of("application",
                "projections-r" + rules.version())));
        metrics.bindTo(meters);
        running.put(version.version(), new Running(rules, set, readsOf.apply(set), metrics));
        log.info("started the projections of rules version {} ({})", version.version(), set.applicationId());
        return true;
    }

    private void stopSet(int version, boolean retired) {
        Running stopped = running.remove(version);
        forgetProgress(version);
        stopped.metrics().close();
        if (retired) {
            stopped.set().closeAndDeleteState();
            toDelete.add(version);
        } else {
            stopped.set().close();
        }
        log.info("stopped the projections of rules version {}{}", version, retired ? " and deleted its state" : "");
    }

    private void forgetProgress(int version) {
        RebuildProgress rebuild = progress.remove(version);
        if (rebuild != null) {
            rebuild.close();
            for (String name : List.of("preptrack.replay.processed", "preptrack.replay.events", "preptrack.replay.rate",
                    "preptrack.replay.eta")) {
                meters.find(name).tag("version", String.valueOf(version)).meters().forEach(meters::remove);
            }
        }
    }

    /**
     * Whether a rebuilding version's set must wait for its fold from the log ({@link LogRebuild}):
     * starts that fold when none runs and it is not complete yet; a fold that failed is tried again
     * a little later, and after {@value #FOLD_ATTEMPTS} failures in a row the version is failed.
     */
    private boolean foldsFromLog(RulesVersion version) {
        int number = version.version();
        if (logFolds == null || number == 1 || version.caughtUpAt() != null || version.everActive()) {
            return false;
        }
        Folding current = folding.get(number);
        if (current != null) {
            if (!current.done().isDone()) {
                return true;
            }
            folding.remove(number);
            try {
                current.done().get();
                foldFailures.remove(number);
            } catch (java.util.concurrent.ExecutionException e) {
                if (fencedIn(e.getCause())) {
                    // Another instance took the partition over: not a failure; go on from what is committed.
                    log.info("rules version {}: another instance is folding a partition; trying again shortly", number);
                    foldNotBefore.put(number, System.nanoTime() + FOLD_RETRY.toNanos());
                    return true;
                }
                int failures = foldFailures.merge(number, 1, Integer::sum);
                log.warn("rebuilding rules version {} from the log failed ({} of {}): {}", number, failures,
                        FOLD_ATTEMPTS, e.getCause().toString(), e.getCause());
                if (failures >= FOLD_ATTEMPTS) {
                    foldFailures.remove(number);
                    append(new RulesChange.Failed(number, clock.instant(), "its rebuild failed " + failures
                            + " times: " + e.getCause().getMessage()));
                    return true;
                }
                foldNotBefore.put(number, System.nanoTime() + FOLD_RETRY.toNanos());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }
        Long notBefore = foldNotBefore.get(number);
        if (notBefore != null && System.nanoTime() - notBefore < 0) {
            return true;
        }
        Rules rules;
        try {
            rules = RulesLoader.publishedAs(version.document(), number);
        } catch (RuntimeException e) {
            return false; // startSet says why, and fails the version
        }
        String applicationId = ProjectionSettings.applicationId(number);
        LogRebuild rebuild = logFolds.of(rules, applicationId, version.targets(), classifiedAlike(rules));
        if (rebuild.complete()) {
            return false;
        }
        forgetProgress(number);
        progress.put(number, tracked(version, rebuild::folded));
        log.info("rebuilding rules version {} from the log into {}'s stores", number, applicationId);
        folding.put(number, new Folding(rebuild, folder.submit(() -> {
            try {
                rebuild.run();
            } finally {
                soon();
            }
            return null;
        })));
        return true;
    }

    /**
     * The active version's set folds the log before it starts when Kafka Streams has never folded
     * any of it — a build whose topology changed gives it a new application id, with no state and
     * no offsets — and the log is not empty: start-up then takes a log fold's time, not a
     * record-at-a-time refold's. Up to the end of the log as it is now; the set folds the rest.
     */
    private void foldFromLogWhenNew(RulesVersion version) {
        if (logFolds == null) {
            return;
        }
        Map<Integer, Long> ends = CatchUp.endOffsets(kafka, Subjects.EVENTS_TOPIC);
        if (ends.values().stream().mapToLong(Long::longValue).sum() == 0) {
            return;
        }
        String applicationId = ProjectionSettings.applicationId(version.version());
        LogRebuild rebuild = logFolds.of(RulesLoader.publishedAs(version.document(), version.version()), applicationId,
                ends, LogRebuild.KnownClassifications.NONE);
        if (rebuild.neverFoldedByStreams() && !rebuild.complete()) {
            log.info("folding the log into {}'s stores before it starts (it has never folded it)", applicationId);
            try {
                rebuild.run();
                foldedAtStart.add(version.version());
            } catch (RuntimeException e) {
                // Another instance folding it too, say: the set folds what is not committed itself.
                log.warn("folding the log into {}'s stores failed; its projections fold it themselves: {}",
                        applicationId, e.toString());
            }
        }
    }

    /**
     * The classifications kept by a running set (the served one first) whose theme definitions
     * classify alike with {@code rules}': a rebuild after a change to weights or half-lives reuses
     * them rather than classifying every feedback text again.
     */
    private LogRebuild.KnownClassifications classifiedAlike(Rules rules) {
        List<Running> sets = new java.util.ArrayList<>();
        Optional.ofNullable(running.get(served)).ifPresent(sets::add);
        sets.addAll(running.values());
        for (Running set : sets) {
            if (ThemeClassifier.classifyAlike(set.rules().themes(), rules.themes())) {
                return set.set()::classifications;
            }
        }
        return LogRebuild.KnownClassifications.NONE;
    }

    private static boolean fencedIn(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.apache.kafka.common.errors.ProducerFencedException
                    || cause instanceof org.apache.kafka.common.errors.InvalidProducerEpochException) {
                return true;
            }
        }
        return false;
    }

    /** On the reconciling thread, and on the rules log's before a change becomes visible. */
    private synchronized void switchReads(RulesCatalog catalog) {
        int active = catalog.active();
        Running next = running.get(active);
        if (active == served || next == null || onSwitch == null) {
            return;
        }
        onSwitch.to(next.rules(), next.set(), next.reads());
        log.info("reads switched from rules version {} to {}", served, active);
        served = active;
    }

    /** Samples the running rebuild; appends "caught up" (and "activated" unless a dry run) once it has. */
    private void followRebuild(RulesCatalog catalog) {
        Optional<RulesVersion> rebuilding = catalog.rebuilding();
        if (rebuilding.isEmpty()) {
            return;
        }
        RulesVersion version = rebuilding.get();
        Running set = running.get(version.version());
        if (set == null && !folding.containsKey(version.version())) {
            return;
        }
        RebuildProgress rebuild = progress.computeIfAbsent(version.version(), v -> tracked(version, () -> 0));
        RebuildProgress.Reading reading = rebuild.sample();
        if (set != null && reading.caughtUp()) {
            // Its last reading stays for the API and /metrics; its admin client is not needed any more.
            rebuild.close();
            running.get(version.version()).set().openOutputs();
            append(new RulesChange.CaughtUp(version.version(), clock.instant()));
            if (!version.dryRun()) {
                append(new RulesChange.Activated(UUID.randomUUID().toString(), version.version(), clock.instant(),
                        "rebuilt"));
            }
        }
    }

    private RebuildProgress tracked(RulesVersion version, java.util.function.LongSupplier foldedFromLog) {
        String applicationId = ProjectionSettings.applicationId(version.version());
        // A set over stores a log fold filled has its offsets at the targets at once, and answers once restored.
        var rebuild = new RebuildProgress(CatchUp.to(kafka, Subjects.EVENTS_TOPIC, applicationId, version.targets()),
                foldedFromLog, () -> {
                    Running set = running.get(version.version());
                    return set != null && set.set().restored();
                });
        List<Tag> tags = List.of(Tag.of("version", String.valueOf(version.version())));
        Gauge.builder("preptrack.replay.processed", rebuild, r -> r.last().processed()).tags(tags)
                .description("events a rules version's rebuild has folded").register(meters);
        // Not "….total": Prometheus keeps that suffix for counters.
        Gauge.builder("preptrack.replay.events", rebuild, r -> r.last().total()).tags(tags)
                .description("events up to the targets a rebuild must reach").register(meters);
        Gauge.builder("preptrack.replay.rate", rebuild, r -> orNaN(r.last().ratePerSecond())).tags(tags)
                .description("a rebuild's rate over the last seconds, records per second").register(meters);
        Gauge.builder("preptrack.replay.eta", rebuild, r -> r.last().eta() == null ? Double.NaN
                : r.last().eta().toMillis() / 1000.0).tags(tags).baseUnit("seconds")
                .description("a rebuild's time left at its rate").register(meters);
        return rebuild;
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }

    private void deleteRetired() {
        for (Integer version : List.copyOf(toDelete)) {
            var fold = stopping.get(version);
            if (fold != null && !fold.isDone()) {
                continue;
            }
            stopping.remove(version);
            String applicationId = ProjectionSettings.applicationId(version);
            ProjectionSet.deleteState(stateDir, applicationId);
            if (SetRetirement.deleteEverywhere(kafka, applicationId, ProjectionSet.outputTopics(version))) {
                toDelete.remove(version);
            }
        }
    }

    private RulesCatalog append(RulesChange change) {
        try {
            return rulesLog.append(change, LOG_WRITE);
        } catch (RulesLog.RulesLogUnavailableException e) {
            throw new UnavailableException(e.getMessage(), e);
        }
    }

    // ---- RulesAdmin: what the routes ask ----

    @Override
    public RulesCatalog catalog() {
        return rulesLog.catalog();
    }

    @Override
    public int publish(String document, boolean dryRun, String publishId) {
        RulesCatalog catalog = rulesLog.catalog();
        Optional<RulesVersion> retried = catalog.byPublishId(publishId);
        if (retried.isPresent()) {
            return retried.get().version();
        }
        // Every problem, or nothing appended; the number is only a guess here, the log's order decides it.
        RulesLoader.publishedAs(document, catalog.versions().size() + 1);
        Map<Integer, Long> targets;
        try {
            targets = CatchUp.endOffsets(kafka, Subjects.EVENTS_TOPIC);
        } catch (IllegalStateException e) {
            throw new UnavailableException("cannot read the end of the events topic, so nothing was published: "
                    + e.getMessage(), e);
        }
        RulesCatalog after = append(new RulesChange.Published(publishId, document, dryRun, clock.instant(), targets));
        return after.byPublishId(publishId).orElseThrow().version();
    }

    @Override
    public void activate(int version) {
        RulesCatalog catalog = rulesLog.catalog();
        RulesVersion target = known(catalog, version);
        RulesCatalog.State state = catalog.state(target);
        String why = switch (state) {
            case CAUGHT_UP -> "promoted";
            case KEPT -> "rolled back";
            case ACTIVE -> null;
            default -> throw new ConflictException("rules version " + version + " is " + describe(state)
                    + "; only a caught-up dry run or the kept previous version can be activated");
        };
        if (why == null) {
            return;
        }
        if (!running.containsKey(version)) {
            throw new ConflictException("rules version " + version + " does not run on this instance yet; try again "
                    + "in a moment");
        }
        RulesCatalog after = append(new RulesChange.Activated(UUID.randomUUID().toString(), version, clock.instant(),
                why));
        if (after.active() != version) {
            throw new ConflictException("rules version " + version + " could not be activated: it is now "
                    + describe(after.state(after.version(version).orElseThrow())));
        }
        // Answer once this instance's reads have moved, so that the next read is the new version's.
        long deadline = System.nanoTime() + LOG_WRITE.toNanos();
        while (served != version && System.nanoTime() < deadline) {
            soon();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void retire(int version) {
        RulesCatalog catalog = rulesLog.catalog();
        RulesVersion target = known(catalog, version);
        RulesCatalog.State state = catalog.state(target);
        String why = switch (state) {
            case ACTIVE -> throw new ConflictException("rules version " + version
                    + " is active; activate another version first");
            case RETIRED, FAILED -> null;
            case QUEUED, REBUILDING -> "cancelled";
            case CAUGHT_UP -> "discarded";
            case KEPT -> "retired";
        };
        if (why == null) {
            return;
        }
        RulesCatalog after = append(new RulesChange.Retired(version, clock.instant(), why));
        if (after.state(after.version(version).orElseThrow()) != RulesCatalog.State.RETIRED) {
            // Activated meanwhile (by a rebuild catching up, or another instance).
            throw new ConflictException("rules version " + version + " could not be retired: it is now "
                    + describe(after.state(after.version(version).orElseThrow())));
        }
    }

    private static RulesVersion known(RulesCatalog catalog, int version) {
        return catalog.version(version).orElseThrow(() -> new UnknownVersionException("there is no rules version "
                + version + "; the latest is " + catalog.versions().size()));
    }

    static String describe(RulesCatalog.State state) {
        return state.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    @Override
    public Optional<Progress> progress(int version) {
        RebuildProgress rebuild = progress.get(version);
        if (rebuild == null) {
            return Optional.empty();
        }
        RebuildProgress.Reading last = rebuild.last();
        return Optional.of(new Progress(last.processed(), last.total(), last.ratePerSecond(), last.eta()));
    }

    @Override
    public Optional<ReadQueries> reads(int version) {
        // The log first: a set just retired may still be closing here, and its stores answer nothing.
        boolean live = rulesLog.catalog().running().stream().anyMatch(v -> v.version() == version);
        return live ? Optional.ofNullable(running.get(version)).map(Running::reads) : Optional.empty();
    }

    @Override
    public void close() {
        closed = true;
        folding.values().forEach(f -> f.rebuild().cancel());
        folder.shutdownNow();
        loop.shutdownNow();
        try {
            // A stop under way on the loop closes a set, which may take up to half a minute.
            loop.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        progress.values().forEach(RebuildProgress::close);
        running.values().forEach(r -> {
            r.metrics().close();
            r.set().close();
        });
        running.clear();
    }
}
