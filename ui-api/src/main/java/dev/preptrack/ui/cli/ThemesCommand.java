package dev.preptrack.ui.cli;

import com.fasterxml.jackson.databind.JsonNode;
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
        var text = new StringBuilder(String.format("%-3s %-26s %5s %6s %5s %9s  %-8s %s%n", "#", "theme", "times", "people",
                "open", "addressed", "trend", "said most recently"));
        int rank = 0;
        JsonNode praise = null;
        for (JsonNode theme : body.path("themes")) {
            if (theme.path("theme").asText().equals("praise")) {
                praise = theme;
                continue;
            }
            JsonNode latest = theme.path("examples").path(0);
            int open = theme.path("open").asInt();
            text.append(String.format("%-3d %-26s %5d %6d %s %9d  %-8s %s%n", ++rank, theme.path("title").asText(),
                    theme.path("count").asInt(), theme.path("sources").asInt(),
                    ansi.string(open > 0 ? "@|red " + String.format("%5d", open) + "|@" : String.format("%5d", open)),
                    theme.path("addressed").asInt(), theme.path("trend").asText(),
                    latest.isMissingNode() ? "" : "“" + Tables.shorten(latest.path("text").asText(), 60) + "”"));
        }
        if (rank == 0) {
            text.append("(no criticism recorded yet)\n");
        }
        if (praise != null) {
            text.append('\n').append(ansi.string("@|green strengths|@: ")).append(praise.path("count").asInt())
                    .append(" items of praise, most recently “")
                    .append(Tables.shorten(praise.path("examples").path(0).path("text").asText(), 60)).append("”\n");
        }
        for (JsonNode cluster : body.path("emerging")) {
            text.append("emerging: ").append(cluster.path("label").asText()).append(" ×").append(cluster.path("count").asInt())
                    .append('\n');
        }
        return text.toString().stripTrailing();
    }
}
