package dev.preptrack.ui.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code preptrack feedback}: record feedback received, triage it, correct its themes, list it. */
@Command(name = "feedback", mixinStandardHelpOptions = true,
        description = {"Record feedback you received, in the giver's words.",
            "",
            "  preptrack feedback --from 'coach anna' --role coach --story oncall --section action \\",
            "      --text 'what exactly did you change in the dedup, config or code?'"},
        subcommands = {FeedbackCommand.Triage.class, FeedbackCommand.Correct.class, FeedbackCommand.ListFeedback.class},
        footer = {"", ApiCall.EXIT_CODES})
public final class FeedbackCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin ApiCall api;
    // Not picocli-required: `feedback triage` must parse without them; checked in call().
    @Option(names = "--text", description = "The feedback, verbatim (required).") String text;
    @Option(names = "--from", paramLabel = "NAME", description = "Who gave it (required).") String from;
    @Option(names = "--role", description = "peer, coach, interviewer or self (required).") String role;
    @Option(names = "--attempt", paramLabel = "ATTEMPT_ID", description = "The attempt it is about, if any.") String attemptId;
    @Option(names = "--story", paramLabel = "STORY_ID", description = "The story it is about, if any.") String storyId;
    @Option(names = "--rubric", description = "The rubric it refers to (default: the story's).") String rubric;
    @Option(names = "--section", description = "The rubric section it refers to, if any.") String section;
    @Option(names = "--score", paramLabel = "1-5", description = "A score the giver attached, if any.") Integer score;
    @Option(names = "--id", paramLabel = "FEEDBACK_ID", description = "Feedback id (default: generated).") String id;
    @Option(names = "--at", paramLabel = "WHEN", description = "When it was given: a date (2026-11-20) or an instant (default now).") String at;

    @Override
    public Integer call() {
        // Checked here, not with picocli's required = true: picocli demands a parent's required
        // options even when a subcommand (`feedback triage`) runs, which would make triage unusable.
        if (text == null || from == null || role == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "recording feedback needs --text, --from and --role");
        }
        ObjectNode body = ApiCall.json().createObjectNode();
        if (id != null) {
            body.put("feedbackId", id);
        }
        body.put("text", text);
        body.putObject("source").put("name", from).put("role", role);
        putIfSet(body, "attemptId", attemptId);
        putIfSet(body, "storyId", storyId);
        putIfSet(body, "rubric", rubric);
        putIfSet(body, "section", section);
        putIfSet(body, "occurredAt", at);
        if (score != null) {
            body.put("score", score);
        }
        var answer = api.send("POST", api.candidatePath("/feedback"), body, null);
        return api.report(answer, spec.commandLine().getOut(), spec.commandLine().getErr(),
                json -> "recorded feedback " + json.path("id").asText() + " (position " + json.path("position").asText()
                        + ")");
    }

    private static void putIfSet(ObjectNode body, String field, String value) {
        if (value != null) {
            body.put(field, value);
        }
    }

    @Command(name = "triage", mixinStandardHelpOptions = true,
            description = "Decide about a feedback item: addressed, wont-fix or reopened.")
    static final class Triage implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ApiCall api;
        @Parameters(index = "0", paramLabel = "FEEDBACK_ID") String feedbackId;
        @Option(names = "--decision", required = true, description = "addressed, wont-fix or reopened.") String decision;
        @Option(names = "--note", description = "Why you decided so.") String note;

        @Override
        public Integer call() {
            ObjectNode body = ApiCall.json().createObjectNode().put("decision", decision);
            if (note != null) {
                body.put("note", note);
            }
            var answer = api.send("POST", api.candidatePath("/feedback/" + feedbackId + "/triage"), body, null);
            return api.report(answer, spec.commandLine().getOut(), spec.commandLine().getErr(),
                    json -> "feedback " + feedbackId + " marked " + decision);
        }
    }

    /** {@code preptrack feedback correct}: say which themes an item really carries. */
    @Command(name = "correct", mixinStandardHelpOptions = true,
            description = {"Say which themes a feedback item really carries. It replaces what preptrack read",
                "into it, and later items worded like it take the same themes.",
                "",
                "  preptrack feedback correct fb-12 --theme stakeholders --note 'they asked who disagreed'",
                "  preptrack feedback correct fb-13 --none      (no theme fits: it stays unsorted)"})
    static final class Correct implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ApiCall api;
        @Parameters(index = "0", paramLabel = "FEEDBACK_ID") String feedbackId;
        @Option(names = "--theme", paramLabel = "THEME", split = ",",
                description = "A theme it carries (repeat, or a,b); `preptrack themes` lists them.") java.util.List<String> themes;
        @Option(names = "--none", description = "No theme fits it.") boolean none;
        @Option(names = "--note", description = "Why.") String note;

        @Override
        public Integer call() {
            if ((themes == null || themes.isEmpty()) == !none) {
                spec.commandLine().getErr().println("preptrack: give --theme (one or more) or --none");
                return 2;
            }
            ObjectNode body = ApiCall.json().createObjectNode();
            var list = body.putArray("themes");
            if (themes != null) {
                themes.forEach(list::add);
            }
            if (note != null) {
                body.put("note", note);
            }
            var answer = api.send("POST", api.candidatePath("/feedback/" + feedbackId + "/themes"), body, null);
            return api.report(answer, spec.commandLine().getOut(), spec.commandLine().getErr(),
                    json -> "feedback " + feedbackId + " now carries " + (none ? "no theme" : String.join(", ", themes)));
        }
    }

    /** {@code preptrack feedback list}: every item with its giver, themes and status, newest first. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"List the feedback you received, newest first: who gave it, about what, its themes and "
                + "whether it is still open.", "", "  preptrack feedback list --open"})
    static final class ListFeedback implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ApiCall api;
        @Option(names = "--open", description = "Only what is still open (criticism not yet addressed).") boolean open;

        @Override
        public Integer call() {
            var answer = api.send("GET", api.candidatePath("/feedback"), null, null);
            return api.report(answer, spec.commandLine().getOut(), spec.commandLine().getErr(), json -> table(json, open));
        }

        static String table(com.fasterxml.jackson.databind.JsonNode body, boolean onlyOpen) {
            var items = new java.util.ArrayList<com.fasterxml.jackson.databind.JsonNode>();
            body.path("items").forEach(item -> {
                if (!onlyOpen || item.path("status").asText().equals("open")) {
                    items.add(item);
                }
            });
            if (items.isEmpty()) {
                return onlyOpen ? "no open feedback" : "no feedback yet: `preptrack feedback --text … --from … --role …`";
            }
            items.sort(Tables.newestFirst("occurredAt"));
            var ids = new java.util.ArrayList<String>();
            items.forEach(item -> ids.add(item.path("feedbackId").asText()));
            var givers = new java.util.ArrayList<String>();
            var abouts = new java.util.ArrayList<String>();
            for (var item : items) {
                givers.add(Tables.giver(item.path("source")));
                String about = String.join(" / ", java.util.stream.Stream.of(Tables.text(item, "storyId", null),
                        Tables.text(item, "section", null)).filter(java.util.Objects::nonNull).toList());
                abouts.add(about.isEmpty() ? "—" : about);
            }
            int fromWidth = Tables.width(givers, "from", 28), aboutWidth = Tables.width(abouts, "about", 72);
            String row = "%-16s %-" + Tables.width(ids, "id", 48) + "s %-" + fromWidth + "s %-" + aboutWidth
                    + "s %-15s %-24s %s%n";
            var text = new StringBuilder(String.format(row, "when", "id", "from", "about", "status", "themes", "said"));
            for (int i = 0; i < items.size(); i++) {
                var item = items.get(i);
                var themes = new java.util.ArrayList<String>();
                item.path("themes").forEach(theme -> themes.add(theme.asText()));
                text.append(String.format(row, Tables.minute(item.path("occurredAt").asText()),
                        // A name or story longer than its column is cut, so the columns after it stay in line.
                        ids.get(i), Tables.shorten(givers.get(i), fromWidth), Tables.shorten(abouts.get(i), aboutWidth),
                        item.path("status").asText(),
                        Tables.shorten(themes.isEmpty() ? "unsorted" : String.join(", ", themes), 24),
                        "“" + Tables.shorten(item.path("text").asText(), 70) + "”"));
            }
            return text.toString().stripTrailing();
        }
    }
}
