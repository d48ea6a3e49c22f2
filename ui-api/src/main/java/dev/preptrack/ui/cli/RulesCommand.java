package dev.preptrack.ui.cli;

import com.fasterxml.jackson.databind.JsonNode;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code preptrack rules}: the rules every score is computed under, and changing them. Publishing
 * rebuilds every projection under the new version beside the active one; reads switch once it has
 * caught up ({@code preptrack replay status --watch} shows it).
 */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = {"Show, publish, preview, activate and retire rules versions.", "",
            "  preptrack rules show > rules.json        the active document, as published",
            "  preptrack rules publish rules.json --dry-run",
            "  preptrack readiness --diff               what the dry run changes for you",
            "  preptrack rules activate 2               promote the dry run (or roll back to the kept version)",
            "  preptrack rules retire 2                 discard a dry run, cancel a rebuild, drop a kept version"},
        subcommands = {RulesCommand.Show.class, RulesCommand.Versions.class, RulesCommand.Publish.class,
            RulesCommand.Activate.class, RulesCommand.Retire.class},
        footer = {"", ApiCall.EXIT_CODES})
public final class RulesCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ApiCall.OK;
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Print a rules document exactly as it was published (the active one unless VERSION is "
                + "given), ready to edit and publish again."},
            footer = {"", ApiCall.EXIT_CODES})
    static final class Show implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ApiCall api;
        @Parameters(arity = "0..1", paramLabel = "VERSION", description = "Which version (default: the active one).")
        Integer version;

        @Override
        public Integer call() {
            ApiCall.Download download = api.download("/api/v1/rules" + (version == null ? "" : "/" + version));
            if (download.failure() != null) {
                return api.report(download.failure(), spec.commandLine().getOut(), spec.commandLine().getErr(),
                        json -> "");
            }
            spec.commandLine().getOut().print(new String(download.body(), StandardCharsets.UTF_8));
            spec.commandLine().getOut().flush();
            return ApiCall.OK;
        }
    }

    @Command(name = "versions", mixinStandardHelpOptions = true,
            description = {"List every rules version: its state (active, rebuilding, queued, dry-run, kept, "
                + "retired, failed) and when it was published."},
            footer = {"", ApiCall.EXIT_CODES})
    static final class Versions implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ApiCall api;

        @Override
        public Integer call() {
            var answer = api.send("GET", "/api/v1/rules/versions", null, null);
            return api.report(answer, spec.commandLine().getOut(), spec.commandLine().getErr(), Versions::table);
        }

        static String table(JsonNode body) {
            var text = new StringBuilder(String.format("%-8s %-11s %-8s %-21s %s%n", "version", "state", "dry run",
                    "published", "note"));
            for (JsonNode v : body.path("versions")) {
                text.append(String.format("%-8s %-11s %-8s %-21s %s", v.path("version").asInt(),
                        v.path("state").asText(), v.path("dryRun").asBoolean() ? "yes" : "",
                        v.path("publishedAt").isNull() ? "shipped" : minute(v.path("publishedAt").asText()),
                        v.path("why").isNull() ? "" : v.path("why").asText()).stripTrailing()).append('\n');
            }
            return text.toString().stripTrailing();
        }
    }

    @Command(name = "publish", mixinStandardHelpOptions = true,
            description = {"Validate a rules document and publish it as the next version. Every projection is "
                + "rebuilt under it from your whole history, beside the active version, which keeps answering; "
                + "reads switch once the rebuild has caught up.",
                "An invalid document is refused with every problem and where it is; nothing changes."},
            footer = {"", ApiCall.EXIT_CODES})
    static final class Publish implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ApiCall api;
        @Parameters(paramLabel = "FILE", description = "The rules document (JSON; see docs/rules-format.md).")
        Path file;
        @Option(names = "--dry-run", description = "Build it without switching to it: compare with "
                + "`preptrack readiness --diff`, then `rules activate` or `rules retire` it.")
        boolean dryRun;
        @Option(names = "--watch", description = "Follow the rebuild with a progress bar until it is done.")
        boolean watch;

        @Override
        public Integer call() {
            String document;
            try {
                document = Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            var answer = api.sendTextOnce("/api/v1/rules" + (dryRun ? "?dryRun=true" : ""), "application/json", document);
            int code = api.report(answer, spec.commandLine().getOut(), spec.commandLine().getErr(), body ->
                    "published " + file.getFileName() + " as rules version " + body.path("version").asInt()
                            + (body.path("dryRun").asBoolean() ? " (dry run: it will not switch by itself)" : "")
                            + "; " + body.path("state").asText()
                            + (watch ? "" : "\n  follow it: preptrack replay status " + body.path("replayId").asText()
                                    + " --watch"));
            if (code != ApiCall.OK || !watch) {
                return code;
            }
            return ReplayCommand.watch(api, answer.body().path("replayId").asText(), spec);
        }
    }

    @Command(name = "activate", mixinStandardHelpOptions = true,
            description = {"Switch every read to VERSION: a dry run that has caught up (promote it, without "
                + "rebuilding), or the kept previous version (roll back, at once)."},
            footer = {"", ApiCall.EXIT_CODES})
    static final class Activate implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ApiCall api;
        @Parameters(paramLabel = "VERSION") int version;

        @Override
        public Integer call() {
            var answer = api.send("POST", "/api/v1/rules/" + version + "/activate", null, null);
            return api.report(answer, spec.commandLine().getOut(), spec.commandLine().getErr(),
                    body -> "rules version " + version + " is " + body.path("state").asText());
        }
    }

    @Command(name = "retire", mixinStandardHelpOptions = true,
            description = {"Give VERSION up: discard a dry run, cancel a rebuild, or drop the kept version. Its "
                + "projections, state and topics are deleted; its document stays in the rules log."},
            footer = {"", ApiCall.EXIT_CODES})
    static final class Retire implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ApiCall api;
        @Parameters(paramLabel = "VERSION") int version;

        @Override
        public Integer call() {
            var answer = api.send("POST", "/api/v1/rules/" + version + "/retire", null, null);
            return api.report(answer, spec.commandLine().getOut(), spec.commandLine().getErr(),
                    body -> "rules version " + version + " is " + body.path("state").asText()
                            + (body.path("why").isNull() ? "" : " (" + body.path("why").asText() + ")"));
        }
    }

    static String minute(String instant) {
        return instant.length() >= 16 ? instant.substring(0, 16).replace('T', ' ') + "Z" : instant;
    }
}
