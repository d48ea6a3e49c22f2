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
            "  preptrack themes"},
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
        for (JsonNode cluster : body.path("emerging")) {
            text.append("emerging: ").append(cluster.path("label").asText()).append(" ×").append(cluster.path("count").asInt())
                    .append('\n');
        }
        return text.toString().stripTrailing();
    }
}
