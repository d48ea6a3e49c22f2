package dev.preptrack.ui;

import dev.preptrack.ui.cli.AttemptsCommand;
import dev.preptrack.ui.cli.ExportCommand;
import dev.preptrack.ui.cli.FeedbackCommand;
import dev.preptrack.ui.cli.ImportCommand;
import dev.preptrack.ui.cli.LogCommand;
import dev.preptrack.ui.cli.ReadinessCommand;
import dev.preptrack.ui.cli.ReplayCommand;
import dev.preptrack.ui.cli.RulesCommand;
import dev.preptrack.ui.cli.StoriesCommand;
import dev.preptrack.ui.cli.StoryCommand;
import dev.preptrack.ui.cli.ThemesCommand;
import dev.preptrack.ui.cli.UpCommand;
import dev.preptrack.rules.RulesLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code preptrack}: the command line. Every subcommand has {@code --help}. */
@Command(name = "preptrack", mixinStandardHelpOptions = true, version = "preptrack 0.1.0",
        description = "Event-sourced interview-preparation tracker.",
        subcommands = {UpCommand.class, ReadinessCommand.class, ThemesCommand.class, StoriesCommand.class,
            AttemptsCommand.class, StoryCommand.class, LogCommand.class,
            FeedbackCommand.class, ImportCommand.class, ExportCommand.class, RulesCommand.class, ReplayCommand.class,
            CommandLine.HelpCommand.class,
            // `source <(./preptrack generate-completion)` completes commands and options in bash and zsh.
            picocli.AutoComplete.GenerateCompletion.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with preptrack's error handling: a short message and exit code 1, no stack trace. */
    public static CommandLine commandLine() {
        // Help texts name the rubrics' sections from the shipped rules, so they cannot drift from them.
        var rules = RulesLoader.defaults();
        System.setProperty("preptrack.rulesVersion", String.valueOf(rules.version()));
        System.setProperty("preptrack.rubricSections", String.join("; ", rules.rubrics().stream()
                .map(rubric -> rubric.id() + ": " + String.join(" ", rubric.sectionIds())).toList()));
        var commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("preptrack: " + e.getMessage());
            cmd.getErr().flush();
            return e instanceof dev.preptrack.ui.cli.ApiCall.UsageError ? 2 : 1;
        });
        // A usage mistake gets its message and a pointer to --help, not a screenful of help.
        commandLine.setParameterExceptionHandler((e, args) -> {
            var err = e.getCommandLine().getErr();
            err.println("preptrack: " + e.getMessage());
            err.println("See '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            err.flush();
            return 2;
        });
        return commandLine;
    }
}
