package dev.preptrack.ui.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code preptrack import}: Markdown prep notes become stories and feedback; an export
 * ({@code .ndjson}) restores the history it holds.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import prep notes written in Markdown: STAR or rubric headings become a story's sections, "
            + "'feedback:' lists become feedback with who gave it, HTML comments are kept as your private notes.",
            "Or restore an export (FILE.ndjson, from `preptrack export`): the same events, ids and times, "
            + "into a preptrack that does not have them yet.",
            "Importing the same file again creates nothing new.",
            "",
            "  preptrack import notes/oncall.md",
            "  preptrack import notes/ --dry-run",
            "  preptrack import my-prep.ndjson"},
        footer = {"", ApiCall.EXIT_CODES})
public final class ImportCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin ApiCall api;
    @Parameters(paramLabel = "FILE|DIR", arity = "1..*",
            description = "Markdown files, directories of them (*.md), or an export (*.ndjson, *.jsonl).")
    List<Path> paths;
    @Option(names = "--dry-run", description = "Show what would be imported without writing anything.") boolean dryRun;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> files = files();
        if (files.isEmpty()) {
            throw new ApiCall.UsageError("no Markdown files (*.md) in " + paths);
        }
        int worst = ApiCall.OK;
        for (Path file : files) {
            if (isExport(file)) {
                worst = Math.max(worst, restore(file, out, err));
                continue;
            }
            String notes;
            try {
                notes = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            String query = "?name=" + URLEncoder.encode(file.getFileName().toString(), StandardCharsets.UTF_8)
                    + (dryRun ? "&dryRun=true" : "");
            ApiCall.Answer answer = api.sendText(api.candidatePath("/imports" + query), "text/markdown; charset=utf-8", notes);
            int code = api.report(answer, out, err, report -> summary(file, report));
            worst = Math.max(worst, code);
        }
        return worst;
    }

    static boolean isExport(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".ndjson") || name.endsWith(".jsonl");
    }

    /**
     * An export sent as it is read, with a bar for a person watching the upload; the server then
     * checks the whole file before it appends, which the line after the bar says.
     */
    private int restore(Path file, PrintWriter out, PrintWriter err) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        ProgressBar bar = ProgressBar.onTerminal(err, "uploading " + file.getFileName(), size);
        ApiCall.Answer answer = api.sendFile(api.candidatePath("/imports" + (dryRun ? "?dryRun=true" : "")),
                "application/x-ndjson", file, sent -> {
                    bar.update(sent);
                    if (sent >= size) {
                        bar.finish();
                        bar.say("checking every line, then restoring …");
                    }
                });
        bar.finish();
        return api.report(answer, out, err, report -> restored(file, report));
    }

    /** What a restore did, for a person. */
    static String restored(Path file, JsonNode report) {
        List<String> types = new ArrayList<>();
        report.path("types").properties().forEach(type -> types.add(type.getValue().asLong() + " " + type.getKey()));
        String holds = String.format("%s  holds %d events (%d to %d): %s", file, report.path("events").asLong(),
                report.path("firstSequence").asLong(), report.path("lastSequence").asLong(), String.join(", ", types));
        if (report.path("dryRun").asBoolean()) {
            return holds + "\n  (dry run: nothing written)";
        }
        return holds + String.format("%n  restored  %d events appended, %d already there; position %s",
                report.path("appended").asLong(), report.path("alreadyThere").asLong(), report.path("position").asText());
    }

    private List<Path> files() {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".md"))
                            .filter(Files::isRegularFile).sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + path, e);
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new ApiCall.UsageError("no such file or directory: " + path);
            }
        }
        return files;
    }

    /** What one file gave, for a person: each story, the feedback in a count per status, and every skipped line. */
    static String summary(Path file, JsonNode report) {
        var text = new StringBuilder();
        boolean dry = report.path("dryRun").asBoolean();
        text.append(file).append(dry ? "  (dry run: nothing written)" : "").append('\n');
        for (JsonNode story : report.path("stories")) {
            List<String> sections = new ArrayList<>();
            story.path("sections").forEach(section -> sections.add(section.asText()));
            text.append(String.format("  story     %-10s %s \"%s\" (%s: %s)%n", story.path("status").asText(),
                    story.path("storyId").asText(), story.path("title").asText(), story.path("rubric").asText(),
                    sections.isEmpty() ? "no sections" : String.join(", ", sections)));
            if (!story.path("detail").isNull() && !story.path("detail").asText().isEmpty()
                    && !story.path("status").asText().equals("unchanged")) {
                text.append("            ").append(story.path("detail").asText()).append('\n');
            }
        }
        var byStatus = new java.util.TreeMap<String, Integer>();
        report.path("feedback").forEach(item -> byStatus.merge(item.path("status").asText(), 1, Integer::sum));
        if (!byStatus.isEmpty()) {
            List<String> counts = new ArrayList<>();
            byStatus.forEach((status, count) -> counts.add(count + " " + status));
            text.append("  feedback  ").append(String.join(", ", counts)).append('\n');
        }
        for (JsonNode item : report.path("feedback")) {
            if (item.path("status").asText().equals("refused")) {
                text.append("            line ").append(item.path("line").asInt()).append(": ")
                        .append(item.path("detail").asText()).append('\n');
            }
        }
        int notes = report.path("privateNotes").size();
        if (notes > 0) {
            text.append("  private   ").append(notes).append(notes == 1 ? " note" : " notes")
                    .append(" kept with the story, never read as feedback\n");
        }
        for (JsonNode skipped : report.path("skipped")) {
            String line = skipped.path("text").asText();
            text.append(String.format("  skipped   line %d: \"%s\" — %s%n", skipped.path("line").asInt(),
                    line.length() > 60 ? line.substring(0, 59) + "…" : line, skipped.path("reason").asText()));
        }
        return text.toString().stripTrailing();
    }
}
