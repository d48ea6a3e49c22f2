package dev.preptrack.ui.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code preptrack themes}: what interviewers keep telling you, ranked, as a table. */
@Command(name = "themes", mixinStandardHelpOptions = true,
        description = {"Show the criticism that recurs, by theme, most frequent first; praise apart.", "",
            "  preptrack themes",
            "  preptrack themes name 'Requirements' --emerging 1"},
        subcommands = ThemesCommand.Name.class,
        footer = {"", ApiCall.EXIT_CODES})
public final class ThemesCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin ApiCall api;

    @Override
    public Integer call() {
        var answer = api.send("GET", api.candidatePath("/themes"), null, null);
        return api.report(answer, spec.commandLine().getOut(), spec.commandLine().getErr(), body -> table(body, Ansi.AUTO));
    }

    static String table(JsonNode body, Ansi ansi) {
        var text = new StringBuilder(String.format("%-3s %-26s %5s %6s %5s %-10s  %-8s %s%n", "#", "theme", "times", "people",
                "open", "status", "trend", "said most recently"));
        int rank = 0;
        for (JsonNode theme : body.path("themes")) {
            JsonNode latest = theme.path("examples").path(0);
            int open = theme.path("open").asInt();
            String status = theme.path("status").asText();
            String colour = switch (status) {
                case "persisting", "open" -> "red";
                case "resolved" -> "green";
                default -> "yellow";
            };
            text.append(String.format("%-3d %-26s %5d %6d %s %s  %-8s %s%n", ++rank, theme.path("title").asText(),
                    theme.path("count").asInt(), theme.path("sources").asInt(),
                    ansi.string(open > 0 ? "@|red " + String.format("%5d", open) + "|@" : String.format("%5d", open)),
                    ansi.string("@|" + colour + " " + String.format("%-10s", status) + "|@"), theme.path("trend").asText(),
                    latest.isMissingNode() ? "" : "“" + Tables.shorten(latest.path("text").asText(), 60) + "”"));
        }
        if (rank == 0) {
            text.append("(no criticism recorded yet)\n");
        }
        for (JsonNode praise : body.path("strengths")) {
            // What is going well, in the givers' words (the latest few), not only a count.
            text.append('\n').append(ansi.string("@|green strengths|@: ")).append(praise.path("count").asInt())
                    .append(" items of ").append(praise.path("title").asText().toLowerCase(java.util.Locale.ROOT))
                    .append(" from ").append(praise.path("sources").asInt()).append(" people, most recently:\n");
            for (JsonNode example : praise.path("examples")) {
                text.append("  ").append(example.path("occurredAt").asText("").replaceFirst("T.*", "")).append("  “")
                        .append(Tables.shorten(example.path("text").asText(), 70)).append("”\n");
            }
        }
        JsonNode unsorted = body.path("unsorted");
        if (unsorted.size() > 0) {
            text.append('\n').append(unsorted.size()).append(" not sorted into a theme")
                    .append(" (`preptrack feedback correct ID --theme …` sorts one):\n");
            for (JsonNode item : unsorted) {
                List<String> suggestions = new java.util.ArrayList<>();
                item.path("suggestions").forEach(theme -> suggestions.add(theme.asText()));
                text.append("  ").append(item.path("feedbackId").asText()).append("  “")
                        .append(Tables.shorten(item.path("text").asText(), 60)).append("”")
                        .append(suggestions.isEmpty() ? "" : "  maybe " + String.join(", ", suggestions)).append('\n');
            }
        }
        JsonNode emerging = body.path("emerging");
        if (emerging.size() > 0) {
            text.append('\n').append("emerging among them (`preptrack themes name TITLE --emerging N` makes one your theme):\n");
            int n = 0;
            for (JsonNode cluster : emerging) {
                text.append(String.format("  %d  %s ×%d", ++n, cluster.path("label").asText(), cluster.path("count").asInt()));
                JsonNode latest = cluster.path("examples").path(0);
                text.append(latest.isMissingNode() ? "" : "  “" + Tables.shorten(latest.path("text").asText(), 50) + "”")
                        .append('\n');
            }
        }
        return text.toString().stripTrailing();
    }

    /** {@code preptrack themes name}: make an emerging cluster (or any items) a theme of your own. */
    @Command(name = "name", mixinStandardHelpOptions = true,
            description = {"Name feedback the rules' themes do not fit as a theme of your own: an emerging cluster",
                "by its number in `preptrack themes`, or items by id. They carry it from then on, later items",
                "worded like them take it too, and it is ranked with the other themes. Naming it again adds items.",
                "",
                "  preptrack themes name 'Requirements' --emerging 1",
                "  preptrack themes name 'Requirements' --items fb-31,fb-40 --note 'what they needed first'"},
            footer = {"", ApiCall.EXIT_CODES})
    static final class Name implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ApiCall api;
        @picocli.CommandLine.Parameters(index = "0", paramLabel = "TITLE") String title;
        @picocli.CommandLine.Option(names = "--emerging", paramLabel = "N",
                description = "The emerging cluster's number, as `preptrack themes` lists them.") Integer emerging;
        @picocli.CommandLine.Option(names = "--items", paramLabel = "ID", split = ",",
                description = "Feedback ids (repeat, or a,b).") List<String> items;
        @picocli.CommandLine.Option(names = "--note", description = "What the theme is about.") String note;

        @Override
        public Integer call() {
            var err = spec.commandLine().getErr();
            if ((emerging == null) == (items == null || items.isEmpty())) {
                err.println("preptrack: give --emerging N or --items ID,…");
                return 2;
            }
            List<String> ids = items;
            if (emerging != null) {
                var themes = api.send("GET", api.candidatePath("/themes"), null, null);
                if (themes.status() != 200) {
                    return api.report(themes, spec.commandLine().getOut(), err, body -> "");
                }
                JsonNode clusters = themes.body().path("emerging");
                if (clusters.isEmpty()) {
                    err.println("preptrack: no emerging clusters yet (two or more unsorted items alike in their words "
                            + "make one); name items by id with --items ID,…");
                    return 2;
                }
                if (emerging < 1 || emerging > clusters.size()) {
                    err.println("preptrack: there " + (clusters.size() == 1 ? "is 1 emerging cluster" : "are "
                            + clusters.size() + " emerging clusters") + "; `preptrack themes` lists them");
                    return 2;
                }
                ids = new java.util.ArrayList<>();
                for (JsonNode id : clusters.path(emerging - 1).path("feedbackIds")) {
                    ids.add(id.asText());
                }
            }
            var body = ApiCall.json().createObjectNode().put("title", title);
            ids.forEach(body.putArray("feedbackIds")::add);
            if (note != null) {
                body.put("note", note);
            }
            int count = ids.size();
            var answer = api.send("POST", api.candidatePath("/themes"), body, null);
            return api.report(answer, spec.commandLine().getOut(), err, json -> "theme '" + title + "' ("
                    + json.path("id").asText() + ") now carries " + count + (count == 1 ? " item" : " items"));
        }
    }
}
