package dev.preptrack.ui.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code preptrack readiness}: where you stand, per rubric and section, as a table. */
@Command(name = "readiness", mixinStandardHelpOptions = true,
        description = {"Show readiness per rubric section (0-100) with what pulls each one down.",
            "",
            "  preptrack readiness",
            "  preptrack readiness --rubric STAR --as-of 2026-11-01",
            "  preptrack readiness --diff         the active rules against a dry run (or --from N --to N)"},
        footer = {"", ApiCall.EXIT_CODES})
public final class ReadinessCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin ApiCall api;
    @Option(names = "--rubric", description = "One rubric, by id or alias (default: all).") String rubric;
    @Option(names = "--as-of", paramLabel = "WHEN", description = "A past (or future) date or instant (default now).") String asOf;

    @Option(names = "--diff", description = "Compare your readiness under two rules versions (default: the "
            + "active one and the newest other that runs, e.g. a dry run).") boolean diff;
    @Option(names = "--from", paramLabel = "VERSION", description = "With --diff: the version compared from.")
    Integer from;
    @Option(names = "--to", paramLabel = "VERSION", description = "With --diff: the version compared to.")
    Integer to;

    @Override
    public Integer call() {
        if (diff) {
            List<String> query = new ArrayList<>();
            if (from != null) {
                query.add("from=" + from);
            }
            if (to != null) {
                query.add("to=" + to);
            }
            var answer = api.send("GET", api.candidatePath("/readiness/diff" + (query.isEmpty() ? ""
                    : "?" + String.join("&", query))), null, null);
            return api.report(answer, spec.commandLine().getOut(), spec.commandLine().getErr(),
                    body -> diffTable(body, Ansi.AUTO));
        }
        List<String> query = new ArrayList<>();
        if (rubric != null) {
            query.add("rubric=" + URLEncoder.encode(rubric, StandardCharsets.UTF_8));
        }
        if (asOf != null) {
            query.add("asOf=" + URLEncoder.encode(asOf, StandardCharsets.UTF_8));
        }
        var answer = api.send("GET", api.candidatePath("/readiness" + (query.isEmpty() ? "" : "?" + String.join("&", query))),
                null, null);
        return api.report(answer, spec.commandLine().getOut(), spec.commandLine().getErr(),
                body -> table(body, Ansi.AUTO));
    }

    /** Per rubric and section: the score under each version and the change, changed rows first in each rubric. */
    static String diffTable(JsonNode body, Ansi ansi) {
        var text = new StringBuilder(String.format("readiness under rules v%d -> v%d%n", body.path("from").asInt(),
                body.path("to").asInt()));
        List<String> unchanged = new ArrayList<>();
        for (JsonNode rubric : body.path("rubrics")) {
            if (same(rubric.path("score")) && rubric.path("sections").findValues("score").stream()
                    .allMatch(ReadinessCommand::same)) {
                unchanged.add(rubric.path("rubric").asText());
                continue;
            }
            text.append('\n').append(ansi.string(String.format("@|bold %s|@  %s", rubric.path("rubric").asText(),
                    change(rubric.path("score"), ansi)))).append('\n');
            for (JsonNode section : rubric.path("sections")) {
                String name = section.path("section").asText()
                        + (section.path("formerly").isNull() ? "" : " (was " + section.path("formerly").asText() + ")");
                text.append(String.format("  %-28s %s%n", name, change(section.path("score"), ansi)));
            }
        }
        if (!unchanged.isEmpty()) {
            text.append('\n').append(unchanged.size() == body.path("rubrics").size() ? "no score changes: " : "unchanged: ")
                    .append(String.join(", ", unchanged));
        }
        return text.toString().stripTrailing();
    }

    private static boolean same(JsonNode score) {
        return score.path("change").isInt() && score.path("change").asInt() == 0;
    }

    private static String change(JsonNode score, Ansi ansi) {
        String from = score.path("from").isNull() ? "  –" : String.format("%3d", score.path("from").asInt());
        String to = score.path("to").isNull() ? "  –" : String.format("%3d", score.path("to").asInt());
        if (score.path("change").isNull()) {
            return from + " -> " + to;
        }
        int change = score.path("change").asInt();
        String delta = change == 0 ? "   =" : String.format("%+4d", change);
        return from + " -> " + to + "  " + ansi.string(change > 0 ? "@|green " + delta + "|@"
                : change < 0 ? "@|red " + delta + "|@" : delta);
    }

    /** One block per rubric: its score, then a row per section with score, level, runs, timing and open feedback. */
    static String table(JsonNode body, Ansi ansi) {
        var text = new StringBuilder();
        text.append("readiness as of ").append(body.path("asOf").asText()).append(" (rules v")
                .append(body.path("rulesVersion").asInt()).append(")\n");
        for (JsonNode rubric : body.path("rubrics")) {
            text.append('\n').append(ansi.string(String.format("@|bold %s|@  %s %s", rubric.path("rubric").asText(),
                    score(rubric.path("score").asInt(), ansi), rubric.path("level").asText()))).append('\n');
            text.append(String.format("  %-18s %5s  %-9s %5s  %-30s %s%n", "section", "score", "level", "runs",
                    "timing (mean over/under)",
                    "open feedback"));
            for (JsonNode section : rubric.path("sections")) {
                int runs = section.path("attempts").asInt();
                text.append(String.format("  %-18s %s  %-9s %5d  %-30s %s%n", section.path("section").asText(),
                        runs == 0 ? "    –" : padded(section.path("score").asInt(), ansi), runs == 0 ? "—" : section.path("level").asText(),
                        runs, timing(section), section.path("openFeedback").size() == 0 ? ""
                                : section.path("openFeedback").size() + " (" + String.join(", ", ids(section.path("openFeedback"))) + ")"));
            }
        }
        return text.toString().stripTrailing();
    }

    private static final java.util.regex.Pattern WITHIN = java.util.regex.Pattern.compile(
            "within the (.+?) budget in (\\d+) of (\\d+) runs");

    /**
     * How often and how far: the timing reason's numbers and the mean overrun ("within the 45 s budget
     * in 35 of 65 runs", 12 → "35/65 within 45 s, +12 s").
     */
    static String timing(JsonNode section) {
        String often = "";
        for (JsonNode reason : section.path("reasons")) {
            var matcher = WITHIN.matcher(reason.asText());
            if (matcher.find()) {
                often = matcher.group(2) + "/" + matcher.group(3) + " within " + matcher.group(1);
                break;
            }
        }
        if (!section.hasNonNull("overBudgetSeconds")) {
            return often;
        }
        int over = section.path("overBudgetSeconds").asInt();
        String far = over > 0 ? "+" + over + " s" : over < 0 ? "−" + -over + " s" : "on time";
        return often.isEmpty() ? far : often + ", " + far;
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(id -> ids.add(id.asText()));
        return ids.size() > 3 ? List.of(ids.get(0), ids.get(1), ids.get(2), "…") : ids;
    }

    private static String padded(int score, Ansi ansi) {
        return " ".repeat(Math.max(0, 5 - String.valueOf(score).length())) + score(score, ansi);
    }

    /** A score in the colour of its band where the terminal shows colour: red under 40, yellow under 60, green above. */
    private static String score(int score, Ansi ansi) {
        String colour = score < 40 ? "red" : score < 60 ? "yellow" : "green";
        return ansi.string("@|" + colour + " " + score + "|@");
    }
}
