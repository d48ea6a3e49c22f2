package dev.preptrack.ui.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code preptrack log}: log a practice attempt. */
@Command(name = "log", mixinStandardHelpOptions = true,
        description = {"Log a practice attempt: the rubric, how it was run, and per section the seconds spoken and your score.",
            "",
            "  preptrack log --rubric star --mode coach-mock --story oncall \\",
            "      --section situation=50:4 --section action=140:3 --section result=0"},
        footer = {"", ApiCall.EXIT_CODES})
public final class LogCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin ApiCall api;
    @Option(names = "--rubric", required = true, description = "star, project-retro or system-design.") String rubric;
    @Option(names = "--mode", required = true, description = "solo, peer-mock, coach-mock or interview.") String mode;
    @Option(names = "--section", paramLabel = "SECTION=TIME[:SCORE]", required = true,
            description = {"Time spent on a section, in seconds (90) or minutes and seconds (1m30s, 2m); 0 = not reached;",
                "optionally ':' and your 1-5 score (action=1m30s:4); repeatable."})
    List<String> sections = new ArrayList<>();
    @Option(names = "--story", paramLabel = "STORY_ID", description = "The story you rehearsed, if any.") String storyId;
    @Option(names = "--story-version", paramLabel = "N", description = "Default: the story's latest version.") Integer storyVersion;
    @Option(names = "--prompt", description = "The question you answered.") String prompt;
    @Option(names = "--self-score", paramLabel = "1-5", description = "Your score for the whole attempt.") Integer selfScore;
    @Option(names = "--id", paramLabel = "ATTEMPT_ID", description = "Attempt id (default: generated).") String id;
    @Option(names = "--at", paramLabel = "WHEN", description = "When you practiced: a date (2026-11-20) or an instant (default now).") String at;

    @Override
    public Integer call() {
        ObjectNode body = ApiCall.json().createObjectNode();
        if (id != null) {
            body.put("attemptId", id);
        }
        body.put("rubric", rubric).put("mode", mode);
        if (storyId != null) {
            body.put("storyId", storyId);
        }
        if (storyVersion != null) {
            body.put("storyVersion", storyVersion);
        }
        if (prompt != null) {
            body.put("prompt", prompt);
        }
        if (selfScore != null) {
            body.put("selfScore", selfScore);
        }
        if (at != null) {
            body.put("occurredAt", at);
        }
        ArrayNode parts = body.putArray("sections");
        for (String section : sections) {
            parts.add(section(section));
        }
        var answer = api.send("POST", api.candidatePath("/attempts"), body, null);
        return api.report(answer, spec.commandLine().getOut(), spec.commandLine().getErr(),
                json -> "logged attempt " + json.path("id").asText() + " (position " + json.path("position").asText() + ")");
    }

    private ObjectNode section(String text) {
        String[] nameAndRest = text.split("=", 2);
        String[] timeAndScore = nameAndRest.length == 2 ? nameAndRest[1].split(":", 2) : new String[0];
        Integer seconds = timeAndScore.length == 0 ? null : seconds(timeAndScore[0]);
        Integer score = null;
        try {
            score = timeAndScore.length == 2 ? Integer.valueOf(timeAndScore[1].trim()) : null;
        } catch (NumberFormatException notANumber) {
            seconds = null;
        }
        if (seconds == null) {
            throw new ParameterException(spec.commandLine(), "--section must look like situation=50, situation=1m30s "
                    + "or situation=50:4 (time, then your 1-5 score), not '" + text + "'");
        }
        if (score != null && (score < 1 || score > 5)) {
            throw new ParameterException(spec.commandLine(), "--section " + text + ": after ':' comes your 1-5 score; "
                    + "write a time of 1 min 30 s as 90 or 1m30s");
        }
        ObjectNode section = ApiCall.json().createObjectNode().put("section", nameAndRest[0].trim()).put("seconds", seconds);
        if (score != null) {
            section.put("selfScore", score);
        }
        return section;
    }

    private static final java.util.regex.Pattern TIME = java.util.regex.Pattern.compile(
            "(?:(\\d+)m)?(?:(\\d+)s?)?", java.util.regex.Pattern.CASE_INSENSITIVE);

    /** Seconds from "90", "90s", "2m" or "1m30s"; null when it is none of those. */
    static Integer seconds(String time) {
        var matcher = TIME.matcher(time.trim());
        if (time.isBlank() || !matcher.matches()) {
            return null;
        }
        int minutes = matcher.group(1) == null ? 0 : Integer.parseInt(matcher.group(1));
        int seconds = matcher.group(2) == null ? 0 : Integer.parseInt(matcher.group(2));
        return minutes * 60 + seconds;
    }
}
