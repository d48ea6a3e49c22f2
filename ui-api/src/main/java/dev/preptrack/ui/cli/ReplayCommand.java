package dev.preptrack.ui.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code preptrack replay status}: how far a rules version's rebuild has come. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Follow the rebuild a rules publication started.", "",
            "  preptrack replay status            the latest rebuild",
            "  preptrack replay status r3 --watch a progress bar with rate and time left, until it is done"},
        subcommands = {ReplayCommand.Status.class},
        footer = {"", ApiCall.EXIT_CODES})
public final class ReplayCommand implements Callable<Integer> {

    private static final Set<String> OVER = Set.of("caught-up", "switched", "failed", "cancelled");

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ApiCall.OK;
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"A rebuild's state (queued, running, caught-up, switched, failed, cancelled), events "
                + "folded of the total, rate and time left."},
            footer = {"", ApiCall.EXIT_CODES})
    static final class Status implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ApiCall api;
        @Parameters(arity = "0..1", paramLabel = "REPLAY", description = "Which (r2, r3, …; default: the latest).")
        String replayId;
        @Option(names = "--watch", description = "Redraw until the rebuild is done.") boolean watch;

        @Override
        public Integer call() {
            String id = replayId;
            if (id == null) {
                var all = api.send("GET", "/api/v1/replays", null, null);
                if (all.status() != 200) {
                    return api.report(all, spec.commandLine().getOut(), spec.commandLine().getErr(), b -> "");
                }
                JsonNode replays = all.body().path("replays");
                if (replays.isEmpty()) {
                    spec.commandLine().getOut().println("no rules have been published yet: version 1, as shipped, "
                            + "is the only one (preptrack rules publish FILE)");
                    return ApiCall.OK;
                }
                id = replays.get(replays.size() - 1).path("replayId").asText();
            }
            if (watch) {
                return watch(api, id, spec);
            }
            var answer = api.send("GET", "/api/v1/replays/" + id, null, null);
            return api.report(answer, spec.commandLine().getOut(), spec.commandLine().getErr(), ReplayCommand::line);
        }
    }

    /**
     * One line: {@code r3 (rules version 3): running, 41,200 of 100,000 records (41%), 8,950 records/s, 7 s
     * left}. Records, not events: the figures are offsets in the events topic, which holds a
     * transaction marker after each write's events.
     */
    static String line(JsonNode replay) {
        long processed = replay.path("processed").asLong();
        long total = replay.path("total").asLong();
        String state = replay.path("state").asText();
        var text = new StringBuilder(String.format(Locale.ROOT, "%s (rules version %d%s): %s, %,d of %,d records",
                replay.path("replayId").asText(), replay.path("version").asInt(),
                replay.path("dryRun").asBoolean() ? ", dry run" : "", state, processed, total));
        if (total > 0) {
            text.append(String.format(Locale.ROOT, " (%d%%)", 100 * processed / total));
        }
        text.append(note(replay).isEmpty() ? "" : ", " + note(replay));
        if (!replay.path("why").isNull() && !replay.path("why").asText().isEmpty()) {
            text.append(" — ").append(replay.path("why").asText());
        }
        return text.toString();
    }

    /** The rate and the time left, for a rebuild that is running; empty otherwise. */
    static String note(JsonNode replay) {
        // No rate before two readings, nor while nothing has moved yet: "0 records/s" says nothing.
        if (!replay.path("state").asText().equals("running") || replay.path("ratePerSecond").asLong() <= 0) {
            return "";
        }
        String rate = String.format(Locale.ROOT, "%,d records/s", replay.path("ratePerSecond").asLong());
        if (replay.path("eta").isNull()) {
            return rate;
        }
        long seconds = Math.max(0, Duration.between(Instant.now(), Instant.parse(replay.path("eta").asText()))
                .toSeconds());
        return rate + ", " + (seconds < 90 ? seconds + " s" : seconds / 60 + " min") + " left";
    }

    /** Polls the replay and redraws its bar until it is over; exit 3 if it failed or was cancelled. */
    static int watch(ApiCall api, String replayId, CommandSpec spec) {
        PrintWriter out = spec.commandLine().getOut();
        ProgressBar bar = null;
        while (true) {
            var answer = api.send("GET", "/api/v1/replays/" + replayId, null, null);
            if (answer.status() != 200) {
                return api.report(answer, out, spec.commandLine().getErr(), b -> "");
            }
            JsonNode replay = answer.body();
            String state = replay.path("state").asText();
            if (bar == null) {
                bar = ProgressBar.counting(out, "rebuilding " + replayId, replay.path("total").asLong(),
                        System.console() != null);
            }
            if (OVER.contains(state)) {
                if (state.equals("caught-up") || state.equals("switched")) {
                    bar.finish();
                }
                out.println(line(replay));
                out.flush();
                return state.equals("failed") || state.equals("cancelled") ? ApiCall.REFUSED : ApiCall.OK;
            }
            bar.update(replay.path("processed").asLong(), note(replay));
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ApiCall.OK;
            }
        }
    }
}
