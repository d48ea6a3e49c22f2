package dev.preptrack.rules.log;

import java.time.Instant;
import java.util.Map;

/**
 * One published rules version as the log tells it: the document as sent and each step of its
 * life so far (null where it has not happened). Its {@link RulesCatalog.State} depends on the
 * other versions too, so the catalog says it.
 */
public record RulesVersion(int version, String publishId, String document, boolean dryRun, Instant publishedAt,
        Map<Integer, Long> targets, Instant caughtUpAt, Instant activatedAt, boolean everActive, Instant retiredAt,
        String retiredWhy, Instant failedAt, String failure) {

    public RulesVersion {
        targets = Map.copyOf(targets);
    }

    static RulesVersion published(int version, RulesChange.Published p) {
        return new RulesVersion(version, p.publishId(), p.document(), p.dryRun(), p.at(), p.targets(), null, null,
                false, null, null, null, null);
    }

    RulesVersion caughtUp(Instant at) {
        return caughtUpAt != null ? this : new RulesVersion(version, publishId, document, dryRun, publishedAt, targets,
                at, activatedAt, everActive, retiredAt, retiredWhy, failedAt, failure);
    }

    RulesVersion activated(Instant at) {
        return new RulesVersion(version, publishId, document, dryRun, publishedAt, targets, caughtUpAt, at, true,
                retiredAt, retiredWhy, failedAt, failure);
    }

    RulesVersion retired(Instant at, String why) {
        return retiredAt != null ? this : new RulesVersion(version, publishId, document, dryRun, publishedAt, targets,
                caughtUpAt, activatedAt, everActive, at, why, failedAt, failure);
    }

    RulesVersion failed(Instant at, String reason) {
        return failedAt != null ? this : new RulesVersion(version, publishId, document, dryRun, publishedAt, targets,
                caughtUpAt, activatedAt, everActive, retiredAt, retiredWhy, at, reason);
    }

    /** Given up for good: its projections no longer run anywhere. */
    public boolean over() {
        return retiredAt != null || failedAt != null;
    }
}
