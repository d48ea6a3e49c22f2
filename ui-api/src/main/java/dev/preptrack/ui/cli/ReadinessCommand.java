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
            "  preptrack readiness --rubric STAR --as-of 2026-11-01"},
        footer = {"", ApiCall.EXIT_CODES})
public final class ReadinessCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin ApiCall api;
    @Option(names = "--rubric", description = "One rubric, by id or alias (default: all).") String rubric;
    @Option(names = "--as-of", paramLabel = "WHEN", description = "A past (or future) date or instant (default now).") String asOf;

    @Override
    public Integer call() {
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
