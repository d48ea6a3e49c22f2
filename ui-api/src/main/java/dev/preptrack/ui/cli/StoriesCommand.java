package dev.preptrack.ui.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code preptrack stories}: your story bank as a table. */
@Command(name = "stories", mixinStandardHelpOptions = true,
        description = {"List your stories: id, rubric, version, how often each was practised and when last, and the title.",
            "`preptrack story show ID` shows one with its versions.", "",
            "  preptrack stories"},
        footer = {"", ApiCall.EXIT_CODES})
public final class StoriesCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin ApiCall api;

    @Override
    public Integer call() {
        var answer = api.send("GET", api.candidatePath("/stories"), null, null);
        return api.report(answer, spec.commandLine().getOut(), spec.commandLine().getErr(), StoriesCommand::table);
    }

    static String table(JsonNode body) {
        if (body.path("stories").isEmpty()) {
            return "no stories yet: `preptrack story create` or `preptrack import NOTES.md`";
        }
        var ids = new java.util.ArrayList<String>();
        body.path("stories").forEach(story -> ids.add(story.path("storyId").asText()));
        String row = "%-" + Tables.width(ids, "story", 64) + "s %-14s %3s %5s  %-16s %s%n";
        var text = new StringBuilder(String.format(row, "story", "rubric", "v", "runs", "last practised", "title"));
        for (JsonNode story : body.path("stories")) {
            int runs = 0;
            String last = null;
            for (JsonNode version : story.path("versions")) {
                for (JsonNode attempt : version.path("attempts")) {
                    runs++;
                    String at = attempt.path("occurredAt").asText();
                    last = last == null || java.time.Instant.parse(at).isAfter(java.time.Instant.parse(last)) ? at : last;
                }
            }
            text.append(String.format(row, story.path("storyId").asText(), story.path("rubric").asText(),
                    story.path("version").asInt(), runs, last == null ? "never" : Tables.minute(last),
                    Tables.shorten(story.path("title").asText(), 60) + (story.path("retired").asBoolean() ? " (retired)" : "")));
        }
        return text.toString().stripTrailing();
    }
}
