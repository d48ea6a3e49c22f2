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
        footer = {"", "Exit codes: 0 done, 1 could not run (e.g. no token), 2 bad usage, 3 refused by preptrack (the message says why),", "4 preptrack unreachable."})
public final class LogCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin ApiCall api;
    @Option(names = "--rubric", required = true, description = "star, project-retro or system-design.") String rubric;
    @Option(names = "--mode", required = true, description = "solo, peer-mock, coach-mock or interview.") String mode;
    @Option(names = "--section", paramLabel = "SECTION=SECONDS[:SCORE]", required = true,
            description = "Seconds spent on a section (0 = not reached) and optionally your 1-5 score; repeatable.")
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
        String[] secondsAndScore = nameAndRest.length == 2 ? nameAndRest[1].split(":", 2) : new String[0];
        try {
            ObjectNode section = ApiCall.json().createObjectNode().put("section", nameAndRest[0].trim())
                    .put("seconds", Integer.parseInt(secondsAndScore[0].trim()));
            if (secondsAndScore.length == 2) {
                section.put("selfScore", Integer.parseInt(secondsAndScore[1].trim()));
            }
            return section;
        } catch (RuntimeException e) {
            throw new ParameterException(spec.commandLine(), "--section must look like situation=50 or situation=50:4, not '"
                    + text + "'");
        }
    }
}
