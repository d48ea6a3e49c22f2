package dev.preptrack.ui.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code preptrack attempts}: your practice sessions, newest first, each section with its time
 * against its budget. Read from the export (attempts have no list route of their own), which is
 * plain JSON any client can read, and the rules for the budgets.
 */
@Command(name = "attempts", mixinStandardHelpOptions = true,
        description = {"List your practice sessions, newest first: when, rubric, story, mode, self-score, and each "
            + "section's time against its budget (+ over, − under; 'not reached' when time ran out).", "",
            "  preptrack attempts --last 10",
            "  preptrack attempts --story oncall"},
        footer = {"", ApiCall.EXIT_CODES})
public final class AttemptsCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin ApiCall api;
    @Option(names = "--story", paramLabel = "STORY_ID", description = "Only the attempts on this story.") String story;
    @Option(names = "--last", paramLabel = "N", description = "Only the N most recent (default 20; 0 for all).")
    int last = 20;

    @Override
    public Integer call() {
        var rules = api.send("GET", "/api/v1/rules", null, null);
        if (rules.status() != 200) {
            return api.report(rules, spec.commandLine().getOut(), spec.commandLine().getErr(), json -> "");
        }
        ApiCall.Download events = api.download(api.candidatePath("/events"));
        if (events.failure() != null) {
            return api.report(events.failure(), spec.commandLine().getOut(), spec.commandLine().getErr(), json -> "");
        }
        List<JsonNode> attempts = attempts(new String(events.body(), StandardCharsets.UTF_8));
        var body = ApiCall.json().createObjectNode();
        body.set("attempts", ApiCall.json().valueToTree(attempts));
        return api.report(new ApiCall.Answer(200, body), spec.commandLine().getOut(), spec.commandLine().getErr(),
                json -> table(attempts, budgets(rules.body())));
    }

    /** The attempts of the export, newest first, filtered as asked. */
    private List<JsonNode> attempts(String export) {
        List<JsonNode> attempts = new ArrayList<>();
        for (String line : export.lines().toList()) {
            try {
                JsonNode event = ApiCall.json().readTree(line);
                JsonNode payload = event.path("payload");
                if (payload.path("type").asText().equals("PracticeAttemptLogged")
                        && (story == null || story.equals(Tables.text(payload, "storyId", null)))) {
                    var attempt = ((com.fasterxml.jackson.databind.node.ObjectNode) payload.deepCopy());
                    attempt.remove("type");
                    attempt.put("occurredAt", event.path("occurredAt").asText());
                    attempts.add(attempt);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("the export's line is not JSON: " + line, e);
            }
        }
        attempts.sort(Tables.newestFirst("occurredAt"));
        return last > 0 && attempts.size() > last ? attempts.subList(0, last) : attempts;
    }

    /** Budgets by "rubric/section". */
    private static Map<String, Integer> budgets(JsonNode rules) {
        Map<String, Integer> budgets = new HashMap<>();
        for (JsonNode rubric : rules.path("rubrics")) {
            for (JsonNode section : rubric.path("sections")) {
                budgets.put(rubric.path("id").asText() + "/" + section.path("id").asText(),
                        section.path("budgetSeconds").asInt());
            }
        }
        return budgets;
    }

    static String table(List<JsonNode> attempts, Map<String, Integer> budgets) {
        if (attempts.isEmpty()) {
            return "no attempts yet: `preptrack log` records one";
        }
        var stories = new ArrayList<String>();
        attempts.forEach(attempt -> stories.add(Tables.text(attempt, "storyId", "—")));
        String row = "%-16s %-14s %-" + Tables.width(stories, "story", 64) + "s %-10s %4s  %s%n";
        var text = new StringBuilder(String.format(row, "when", "rubric", "story", "mode", "self",
                "sections (time, against budget)"));
        for (JsonNode attempt : attempts) {
            String rubric = attempt.path("rubric").asText();
            List<String> sections = new ArrayList<>();
            for (JsonNode section : attempt.path("sections")) {
                int seconds = section.path("seconds").asInt();
                Integer budget = budgets.get(rubric + "/" + section.path("section").asText());
                String against = seconds == 0 ? "not reached"
                        : budget == null ? seconds + " s"
                        : seconds + " s (" + (seconds > budget ? "+" + (seconds - budget)
                                : seconds < budget ? "−" + (budget - seconds) : "±0") + ")";
                sections.add(section.path("section").asText() + " " + against);
            }
            text.append(String.format(row, Tables.minute(attempt.path("occurredAt").asText()),
                    rubric, Tables.text(attempt, "storyId", "—"), attempt.path("mode").asText(),
                    Tables.text(attempt, "selfScore", "—"), String.join(", ", sections)));
        }
        return text.toString().stripTrailing();
    }
}
