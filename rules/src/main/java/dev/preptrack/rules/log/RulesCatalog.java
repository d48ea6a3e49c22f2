package dev.preptrack.rules.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every rules version and which one is active: the fold of the rules log, in the log's order, so
 * every instance that has read the same records holds the same catalog. Version 1 is the rules
 * shipped with preptrack, active until another is activated; published documents are numbered 2,
 * 3, … in the order the log holds them. Immutable: {@link #apply} returns the next catalog.
 *
 * <p>One rebuild runs at a time, the lowest-numbered version that has neither caught up nor been
 * given up; later publications wait for it, queued. A version that was active and is not any more
 * is kept (its projections keep running, so rolling back to it is instant) until it is retired.
 */
public final class RulesCatalog {

    /** Where a version is in its life. */
    public enum State {
        /** Published while another version rebuilds; it starts when that one is done. */
        QUEUED,
        /** Its projections fold the events from the first offset, beside the active version's. */
        REBUILDING,
        /** Folded up to its targets; a dry run stays here until promoted or discarded. */
        CAUGHT_UP,
        /** Every read is answered under it. */
        ACTIVE,
        /** Was active; still running, so that switching back is instant. */
        KEPT,
        /** Given up: its projections, state and topics are deleted. */
        RETIRED,
        /** Its rebuild could not go on. */
        FAILED
    }

    private final List<RulesVersion> versions;
    private final int active;
    private final int previous;

    private RulesCatalog(List<RulesVersion> versions, int active, int previous) {
        this.versions = List.copyOf(versions);
        this.active = active;
        this.previous = previous;
    }

    /** Before any record: version 1, {@code shippedDocument}, active. */
    public static RulesCatalog initial(String shippedDocument) {
        var first = new RulesVersion(1, "shipped", shippedDocument, false, null, java.util.Map.of(), null, null, true,
                null, null, null, null);
        return new RulesCatalog(List.of(first), 1, 0);
    }

    public RulesCatalog apply(RulesChange change) {
        List<RulesVersion> next = new ArrayList<>(versions);
        int nowActive = active;
        int nowPrevious = previous;
        if (change instanceof RulesChange.Published p) {
            if (byPublishId(p.publishId()).isPresent()) {
                return this;
            }
            next.add(RulesVersion.published(versions.size() + 1, p));
        } else if (change instanceof RulesChange.CaughtUp c) {
            if (!known(c.version())) {
                return this;
            }
            next.set(c.version() - 1, versions.get(c.version() - 1).caughtUp(c.at()));
        } else if (change instanceof RulesChange.Activated a) {
            // Only a version whose projections run and have caught up can serve; anything else is a stale request.
            RulesVersion target = known(a.version()) ? versions.get(a.version() - 1) : null;
            if (target == null || target.over() || a.version() == active
                    || target.caughtUpAt() == null && !target.everActive()) {
                return this;
            }
            nowPrevious = active;
            nowActive = a.version();
            next.set(a.version() - 1, versions.get(a.version() - 1).activated(a.at()));
        } else if (change instanceof RulesChange.Retired r) {
            if (!known(r.version()) || r.version() == active) {
                return this;
            }
            next.set(r.version() - 1, versions.get(r.version() - 1).retired(r.at(), r.why()));
            nowPrevious = r.version() == previous ? 0 : previous;
        } else if (change instanceof RulesChange.Failed f) {
            if (!known(f.version()) || f.version() == active) {
                return this;
            }
            next.set(f.version() - 1, versions.get(f.version() - 1).failed(f.at(), f.reason()));
            nowPrevious = f.version() == previous ? 0 : previous;
        }
        return new RulesCatalog(next, nowActive, nowPrevious);
    }

    private boolean known(int version) {
        return version >= 1 && version <= versions.size();
    }

    /** The version every read is answered under. */
    public int active() {
        return active;
    }

    /** The version that was active before it, if it is still kept: where a rollback goes. */
    public Optional<Integer> previous() {
        return previous == 0 ? Optional.empty() : Optional.of(previous);
    }

    public List<RulesVersion> versions() {
        return versions;
    }

    public Optional<RulesVersion> version(int version) {
        return known(version) ? Optional.of(versions.get(version - 1)) : Optional.empty();
    }

    public RulesVersion activeVersion() {
        return versions.get(active - 1);
    }

    public Optional<RulesVersion> byPublishId(String publishId) {
        return versions.stream().filter(v -> v.publishId().equals(publishId)).findFirst();
    }

    /** The version rebuilding now, if any: the first published that has neither caught up nor been given up. */
    public Optional<RulesVersion> rebuilding() {
        return versions.stream().filter(v -> !v.everActive() && v.caughtUpAt() == null && !v.over()).findFirst();
    }

    public State state(RulesVersion v) {
        if (v.retiredAt() != null) {
            return State.RETIRED;
        }
        if (v.failedAt() != null) {
            return State.FAILED;
        }
        if (v.version() == active) {
            return State.ACTIVE;
        }
        if (v.everActive()) {
            return State.KEPT;
        }
        if (v.caughtUpAt() != null) {
            return State.CAUGHT_UP;
        }
        return rebuilding().map(r -> r.version() == v.version()).orElse(false) ? State.REBUILDING : State.QUEUED;
    }

    /** Versions whose projections should be running: every one not given up and not waiting its turn. */
    public List<RulesVersion> running() {
        return versions.stream().filter(v -> {
            State state = state(v);
            return state != State.RETIRED && state != State.FAILED && state != State.QUEUED;
        }).toList();
    }

    /**
     * Versions that were active, are neither active nor the kept previous one, and are not yet
     * retired: what the switch to a newer version leaves to retire.
     */
    public List<RulesVersion> superseded() {
        return versions.stream().filter(v -> v.everActive() && !v.over() && v.version() != active
                && v.version() != previous).toList();
    }

    /** A caught-up version that is not a dry run and not yet active: a switch a crash may have interrupted. */
    public Optional<RulesVersion> awaitingSwitch() {
        return versions.stream().filter(v -> state(v) == State.CAUGHT_UP && !v.dryRun()).findFirst();
    }

    /** For tests and logs. */
    @Override
    public String toString() {
        var out = new StringBuilder("RulesCatalog[active=").append(active);
        versions.forEach(v -> out.append(", ").append(v.version()).append('=').append(state(v)));
        return out.append(']').toString();
    }
}
