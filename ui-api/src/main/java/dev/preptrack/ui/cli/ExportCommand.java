package dev.preptrack.ui.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code preptrack export}: the whole history as newline-delimited JSON that restores exactly. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export your whole history as newline-delimited JSON: one event per line, plain JSON "
            + "(ISO-8601 times, lower-case values), described by docs/export.schema.json.",
            "`preptrack import FILE.ndjson` restores it, into this preptrack or another, with the same ids and times.",
            "",
            "  preptrack export --out my-prep.ndjson"},
        footer = {"", ApiCall.EXIT_CODES})
public final class ExportCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin ApiCall api;
    @Option(names = "--out", paramLabel = "FILE", description = "Where to write (default: standard output).") Path out;

    @Override
    public Integer call() {
        ApiCall.Download download = api.download(api.candidatePath("/events"));
        if (download.failure() != null) {
            return api.report(download.failure(), spec.commandLine().getOut(), spec.commandLine().getErr(), json -> "");
        }
        try {
            if (out == null) {
                System.out.write(download.body());
                System.out.flush();
            } else {
                Files.write(out, download.body());
                long lines = new String(download.body(), StandardCharsets.UTF_8).lines().count();
                spec.commandLine().getOut().println("exported " + lines + " events to " + out);
            }
            return ApiCall.OK;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        }
    }
}
