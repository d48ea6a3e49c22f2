package dev.preptrack.ui.http;

import dev.preptrack.projections.query.ReadQueries;
import dev.preptrack.projections.query.RulesDiff;
import dev.preptrack.rules.RulesLoader;
import dev.preptrack.rules.log.RulesCatalog;
import dev.preptrack.rules.log.RulesVersion;
import dev.preptrack.tracker.app.FieldError;
import dev.preptrack.tracker.app.InvalidRequestException;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rules and their replays: the active document as published, every version and its state,
 * publishing (a dry run or for real), promoting, rolling back and retiring, a rebuild's progress,
 * and what a change does to one candidate's readiness and themes. The decisions are
 * {@link RulesAdmin}'s; this reads requests and renders answers.
 */
final class RulesRoutes {

    /** A rules document is some 60 KB; four times that is ample for any real one. */
    static final int MAX_DOCUMENT_BYTES = 256 * 1024;
    /** Names the version a {@code GET /rules} body is, since the body is the document as published. */
    static final String VERSION_HEADER = "Preptrack-Rules-Version";

    private final Backends backends;

    RulesRoutes(Backends backends) {
        this.backends = backends;
    }

    /** The active document, byte for byte as published, so it can be edited and published again. */
    void active(Context ctx) {
        RulesCatalog catalog = backends.rules().catalog();
        document(ctx, catalog.activeVersion());
    }

    void one(Context ctx) {
        RulesCatalog catalog = backends.rules().catalog();
        int version = version(ctx.pathParam("version"), "version");
        document(ctx, catalog.version(version).orElseThrow(() -> new RulesAdmin.UnknownVersionException(
                "there is no rules version " + version + "; the latest is " + catalog.versions().size())));
    }

    private static void document(Context ctx, RulesVersion version) {
        ctx.header(VERSION_HEADER, String.valueOf(version.version()))
                .header("ETag", "\"" + version.version() + "\"")
                .contentType("application/json").result(version.document());
    }

    void versions(Context ctx) {
        RulesAdmin rules = backends.rules();
        RulesCatalog catalog = rules.catalog();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("active", catalog.active());
        body.put("previous", catalog.previous().orElse(null));
        body.put("versions", catalog.versions().stream().map(v -> describe(catalog, v)).toList());
        ctx.json(body);
    }

    private static Map<String, Object> describe(RulesCatalog catalog, RulesVersion v) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", v.version());
        out.put("state", versionState(catalog, v));
        out.put("dryRun", v.dryRun());
        out.put("publishedAt", text(v.publishedAt()));
        out.put("caughtUpAt", text(v.caughtUpAt()));
        out.put("activatedAt", text(v.activatedAt()));
        out.put("retiredAt", text(v.retiredAt()));
        out.put("why", v.retiredWhy() != null ? v.retiredWhy() : v.failure());
        out.put("replayId", v.version() == 1 ? null : replayId(v.version()));
        return out;
    }

    /** The API's words: active, rebuilding, queued, dry-run, caught-up, kept, retired, failed. */
    static String versionState(RulesCatalog catalog, RulesVersion v) {
        RulesCatalog.State state = catalog.state(v);
        if (state == RulesCatalog.State.CAUGHT_UP && v.dryRun()) {
            return "dry-run";
        }
        return state.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    void publish(Context ctx) {
        boolean dryRun = flag(ctx, "dryRun");
        String document = RequestBodies.text(ctx, MAX_DOCUMENT_BYTES, Set.of("application/json"));
        int version;
        try {
            version = backends.rules().publish(document, dryRun, publishId(ctx));
        } catch (RulesLoader.InvalidRulesException e) {
            Problem.send(ctx, 422, "Unprocessable Content", "the rules document has " + e.problems().size()
                    + (e.problems().size() == 1 ? " problem" : " problems") + "; nothing was published",
                    e.problems().stream().map(RulesRoutes::fieldError).toList(), Map.of());
            return;
        }
        RulesCatalog catalog = backends.rules().catalog();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", version);
        body.put("replayId", replayId(version));
        body.put("dryRun", dryRun);
        body.put("state", catalog.version(version).map(v -> versionState(catalog, v)).orElse("queued"));
        ctx.status(202).header("Location", "/api/v1/replays/" + replayId(version)).json(body);
    }

    /**
     * The publication's id: the request's {@code Idempotency-Key}, so a retried publish (a lost
     * answer) is the version it already made, or a new one.
     */
    private static String publishId(Context ctx) {
        String key = ctx.header("Idempotency-Key");
        if (key == null || key.isBlank()) {
            return java.util.UUID.randomUUID().toString();
        }
        if (key.length() > 200) {
            throw InvalidRequestException.of("Idempotency-Key", "must be at most 200 characters");
        }
        return "key:" + key.trim();
    }

    /** {@code rubrics[1].sections[0].budgetSeconds: must be …} as a field error; a problem with no path is the body's. */
    static FieldError fieldError(String problem) {
        int colon = problem.indexOf(": ");
        String path = colon > 0 ? problem.substring(0, colon) : "";
        if (path.isEmpty() || path.contains(" ")) {
            return new FieldError("body", problem);
        }
        return new FieldError(path, problem.substring(colon + 2));
    }

    void activate(Context ctx) {
        int version = version(ctx.pathParam("version"), "version");
        backends.rules().activate(version);
        versionAnswer(ctx, version);
    }

    void retire(Context ctx) {
        int version = version(ctx.pathParam("version"), "version");
        backends.rules().retire(version);
        versionAnswer(ctx, version);
    }

    private void versionAnswer(Context ctx, int version) {
        RulesCatalog catalog = backends.rules().catalog();
        ctx.json(describe(catalog, catalog.version(version).orElseThrow()));
    }

    void replays(Context ctx) {
        RulesAdmin rules = backends.rules();
        RulesCatalog catalog = rules.catalog();
        ctx.json(Map.of("replays", catalog.versions().stream().filter(v -> v.version() > 1)
                .map(v -> replay(rules, catalog, v)).toList()));
    }

    void replay(Context ctx) {
        RulesAdmin rules = backends.rules();
        RulesCatalog catalog = rules.catalog();
        String id = ctx.pathParam("replayId");
        int version = id.startsWith("r") ? parseOrZero(id.substring(1)) : 0;
        RulesVersion v = catalog.version(version).filter(found -> found.version() > 1).orElseThrow(() ->
                new RulesAdmin.UnknownVersionException("there is no replay '" + id + "'; replays are named r2, r3, … "
                        + "after the rules version they rebuild"));
        ctx.json(replay(rules, catalog, v));
    }

    /**
     * {@code {state, processed, total, ratePerSecond, eta}}. A rebuild not followed here (queued, or
     * run by another instance) shows what the catalog knows: nothing folded yet, or all of it.
     */
    static Map<String, Object> replay(RulesAdmin rules, RulesCatalog catalog, RulesVersion v) {
        RulesCatalog.State state = catalog.state(v);
        long total = v.targets().values().stream().mapToLong(Long::longValue).sum();
        var reading = rules.progress(v.version()).orElse(null);
        boolean done = v.caughtUpAt() != null;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("replayId", replayId(v.version()));
        out.put("version", v.version());
        out.put("dryRun", v.dryRun());
        out.put("state", replayState(state, v));
        out.put("processed", done ? total : reading == null ? 0 : Math.min(reading.processed(), total));
        out.put("total", total);
        out.put("ratePerSecond", done || reading == null || reading.ratePerSecond() == null ? null
                : Math.round(reading.ratePerSecond()));
        out.put("eta", done ? text(v.caughtUpAt()) : eta(reading));
        out.put("startedAt", text(v.publishedAt()));
        out.put("caughtUpAt", text(v.caughtUpAt()));
        out.put("why", v.retiredWhy() != null ? v.retiredWhy() : v.failure());
        return out;
    }

    private static String eta(RulesAdmin.Progress reading) {
        return reading == null || reading.eta() == null ? null : Instant.now().plus(reading.eta()).toString();
    }

    /** queued, running, caught-up, switched, failed, cancelled. */
    static String replayState(RulesCatalog.State state, RulesVersion v) {
        return switch (state) {
            case QUEUED -> "queued";
            case REBUILDING -> "running";
            case CAUGHT_UP -> "caught-up";
            case ACTIVE, KEPT -> "switched";
            case FAILED -> "failed";
            case RETIRED -> v.everActive() ? "switched" : "cancelled";
        };
    }

    static String replayId(int version) {
        return "r" + version;
    }

    void readinessDiff(Context ctx) {
        Versions pair = compared(ctx);
        ctx.json(RulesDiff.readiness(WriteRoutes.candidateId(ctx), pair.from(), pair.to(), StoryRoutes.after(ctx)));
    }

    void themesDiff(Context ctx) {
        Versions pair = compared(ctx);
        ctx.json(RulesDiff.themes(WriteRoutes.candidateId(ctx), pair.from(), pair.to(), StoryRoutes.after(ctx)));
    }

    private record Versions(ReadQueries from, ReadQueries to) {
    }

    /**
     * {@code from} defaults to the active version; {@code to} to the newest other version whose
     * projections run (a dry run, a rebuild, the kept one), so {@code …/readiness/diff} alone
     * previews what the pending change does.
     */
    private Versions compared(Context ctx) {
        RulesAdmin rules = backends.rules();
        RulesCatalog catalog = rules.catalog();
        int from = ctx.queryParam("from") == null ? catalog.active() : version(ctx.queryParam("from"), "from");
        // By default the newest other version that has caught up: a rebuild half way would show false drops.
        Integer to = ctx.queryParam("to") != null ? Integer.valueOf(version(ctx.queryParam("to"), "to"))
                : catalog.running().stream().filter(v -> v.caughtUpAt() != null || v.everActive())
                        .map(RulesVersion::version).filter(v -> v != from).reduce((a, b) -> b).orElse(null);
        if (to == null) {
            throw InvalidRequestException.of("to", "is needed: no other rules version than " + from
                    + " has caught up to compare with; publish one with ?dryRun=true and wait for it");
        }
        return new Versions(running(rules, catalog, from, "from"), running(rules, catalog, to, "to"));
    }

    private static ReadQueries running(RulesAdmin rules, RulesCatalog catalog, int version, String field) {
        return rules.reads(version).orElseThrow(() -> new InvalidRequestException(List.of(new FieldError(field,
                catalog.version(version).map(v -> "version " + version + " is " + versionState(catalog, v)
                        + "; only versions whose projections run can be compared")
                        .orElse("there is no rules version " + version)))));
    }

    private static int version(String text, String field) {
        int version = parseOrZero(text.trim());
        if (version < 1) {
            throw InvalidRequestException.of(field, "must be a rules version number (1, 2, …), not '" + text + "'");
        }
        return version;
    }

    private static int parseOrZero(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean flag(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw InvalidRequestException.of(name, "must be true or false, not '" + value + "'");
        };
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
