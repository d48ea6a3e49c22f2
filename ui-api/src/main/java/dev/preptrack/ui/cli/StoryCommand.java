package dev.preptrack.ui.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code preptrack story}: create, edit, retire, show and list stories. */
@Command(name = "story", mixinStandardHelpOptions = true,
        description = "Create, edit, retire, show and list the stories of your story bank.",
        subcommands = {StoryCommand.Create.class, StoryCommand.Edit.class, StoryCommand.Retire.class,
            StoryCommand.Show.class, StoryCommand.ListStories.class},
        footer = {"", ApiCall.EXIT_CODES})
public final class StoryCommand {

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a story (version 1).")
    static final class Create implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ApiCall api;
        @Option(names = "--id", paramLabel = "STORY_ID", description = "Story id (default: generated).") String id;
        @Option(names = "--title", required = true, description = "A short title you will recognise.") String title;
        @Option(names = "--rubric", required = true, description = "star, project-retro or system-design.") String rubric;
        @Option(names = "--section", paramLabel = "SECTION=TEXT", required = true,
                description = {"Text of one section; repeat for more (e.g. --section situation='Checkout paged...').",
                    "Sections (rules version ${sys:preptrack.rulesVersion}): ${sys:preptrack.rubricSections}."})
        Map<String, String> sections = new LinkedHashMap<>();
        @Option(names = "--tag", description = "A label; repeat for more.") List<String> tags = List.of();
        @Option(names = "--at", paramLabel = "WHEN", description = "When it was written: a date (2026-11-20) or an instant (default now).") String at;

        @Override
        public Integer call() {
            ObjectNode body = ApiCall.json().createObjectNode();
            if (id != null) {
                body.put("storyId", id);
            }
            body.put("title", title).put("rubric", rubric);
            body.set("sections", ApiCall.json().valueToTree(sections));
            body.set("tags", ApiCall.json().valueToTree(tags));
            if (at != null) {
                body.put("occurredAt", at);
            }
            var answer = api.send("POST", api.candidatePath("/stories"), body, null);
            return api.report(answer, spec.commandLine().getOut(), spec.commandLine().getErr(),
                    json -> "created story " + json.path("id").asText() + " (version " + json.path("version").asInt()
                            + ", position " + json.path("position").asText() + ")");
        }
    }

    @Command(name = "edit", mixinStandardHelpOptions = true,
            description = "Change sections of a story, naming the version you edited.")
    static final class Edit implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ApiCall api;
        @Parameters(index = "0", paramLabel = "STORY_ID") String storyId;
        @Option(names = "--expected-version", paramLabel = "N", required = true,
                description = "The version you edited (see `story show`); refused if the story moved on.") int version;
        @Option(names = "--section", paramLabel = "SECTION=TEXT", description = "New text of a section; repeat for more.")
        Map<String, String> sections = new LinkedHashMap<>();
        @Option(names = "--addresses", paramLabel = "FEEDBACK_ID", description = "Feedback this edit addresses; repeatable.")
        List<String> addresses = List.of();
        @Option(names = "--note", description = "Why the story changed.") String note;
        @Option(names = "--at", paramLabel = "WHEN", description = "When it was changed: a date (2026-11-20) or an instant (default now).") String at;

        @Override
        public Integer call() {
            ObjectNode body = ApiCall.json().createObjectNode();
            body.set("sections", ApiCall.json().valueToTree(sections));
            body.set("addressesFeedback", ApiCall.json().valueToTree(addresses));
            if (note != null) {
                body.put("note", note);
            }
            if (at != null) {
                body.put("occurredAt", at);
            }
            var answer = api.send("PUT", api.candidatePath("/stories/" + storyId), body, String.valueOf(version));
            return api.report(answer, spec.commandLine().getOut(), spec.commandLine().getErr(),
                    json -> "story " + storyId + " is now at version " + json.path("version").asInt()
                            + " (position " + json.path("position").asText() + ")");
        }
    }

    @Command(name = "retire", mixinStandardHelpOptions = true, description = "Retire a story; its history stays.")
    static final class Retire implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ApiCall api;
        @Parameters(index = "0", paramLabel = "STORY_ID") String storyId;
        @Option(names = "--reason", description = "Why it is retired.") String reason;

        @Override
        public Integer call() {
            ObjectNode body = ApiCall.json().createObjectNode();
            if (reason != null) {
                body.put("reason", reason);
            }
            var answer = api.send("POST", api.candidatePath("/stories/" + storyId + "/retire"), body, null);
            return api.report(answer, spec.commandLine().getOut(), spec.commandLine().getErr(),
                    json -> "retired story " + storyId);
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a story and its versions.")
    static final class Show implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ApiCall api;
        @Parameters(index = "0", paramLabel = "STORY_ID") String storyId;

        @Override
        public Integer call() {
            var answer = api.send("GET", api.candidatePath("/stories/" + storyId), null, null);
            return api.report(answer, spec.commandLine().getOut(), spec.commandLine().getErr(), StoryCommand::describe);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List stories.")
    static final class ListStories implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ApiCall api;

        @Override
        public Integer call() {
            var answer = api.send("GET", api.candidatePath("/stories"), null, null);
            return api.report(answer, spec.commandLine().getOut(), spec.commandLine().getErr(), StoriesCommand::table);
        }
    }

    private static String joined(JsonNode array) {
        var parts = new java.util.ArrayList<String>();
        array.forEach(item -> parts.add(item.asText()));
        return parts.isEmpty() ? "nothing" : String.join(", ", parts);
    }

    static String describe(JsonNode story) {
        var text = new StringBuilder();
        text.append(story.path("title").asText()).append("  [").append(story.path("storyId").asText()).append(", ")
                .append(story.path("rubric").asText()).append(", version ").append(story.path("version").asInt())
                .append(story.path("retired").asBoolean() ? ", retired" : "").append("]\n");
        story.path("sections").properties().forEach(section -> text.append("  ").append(section.getKey())
                .append(": ").append(section.getValue().asText()).append('\n'));
        for (JsonNode version : story.path("versions")) {
            text.append("  v").append(version.path("version").asInt()).append("  ")
                    .append(version.path("occurredAt").asText(), 0, 16).append("  changed ")
                    .append(joined(version.path("changedSections")));
            if (version.path("feedbackAddressed").size() > 0) {
                text.append("; addresses ").append(joined(version.path("feedbackAddressed")));
            }
            if (!version.path("note").isNull() && !version.path("note").isMissingNode()) {
                text.append("; note: ").append(version.path("note").asText());
            }
            text.append('\n');
        }
        return text.toString().stripTrailing();
    }
}
