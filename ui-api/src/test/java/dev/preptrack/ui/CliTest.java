package dev.preptrack.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The CLI as a script runs it: its own process, the token in the environment, exit codes to rely on. */
@Tag("integration")
@Timeout(300)
class CliTest {

    @RegisterExtension
    static final RunningPreptrack RUNNING = new RunningPreptrack();
    static Preptrack preptrack;

    @BeforeAll
    static void connect() {
        preptrack = RUNNING.preptrack();
    }

    @Test
    void a_newcomer_creates_a_story_logs_an_attempt_and_records_feedback() throws Exception {
        var created = cli("story", "create", "--id", "oncall", "--title", "On-call pages", "--rubric", "star",
                "--section", "situation=Checkout paged 40 times a week");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        assertThat(created.out()).contains("created story oncall (version 1");

        var logged = cli("log", "--rubric", "star", "--mode", "coach-mock", "--story", "oncall",
                "--section", "situation=50:4", "--section", "action=140:3");
        assertThat(logged.exitCode()).as(logged.toString()).isZero();
        assertThat(logged.out()).contains("logged attempt");

        var feedback = cli("feedback", "--id", "fb-1", "--from", "coach anna", "--role", "coach", "--story", "oncall",
                "--section", "action", "--text", "what exactly did you change?");
        assertThat(feedback.exitCode()).as(feedback.toString()).isZero();

        var edited = cli("story", "edit", "oncall", "--expected-version", "1", "--section", "action=Changed the dedup config",
                "--addresses", "fb-1");
        assertThat(edited.exitCode()).as(edited.toString()).isZero();
        assertThat(edited.out()).contains("version 2");

        var shown = cli("story", "show", "oncall");
        assertThat(shown.out()).contains("version 2", "Changed the dedup config", "addresses fb-1");

        var stories = cli("stories");
        assertThat(stories.out()).containsPattern("oncall\\s+star\\s+2\\s+1\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\s+On-call pages");
        var attempts = cli("attempts");
        assertThat(attempts.exitCode()).as(attempts.toString()).isZero();
        assertThat(attempts.out()).contains("coach-mock", "situation 50 s (+5), action 140 s (+50)");
        assertThat(cli("attempts", "--json").out()).contains("\"attempts\"", "\"seconds\" : 140");
        var listed = cli("feedback", "list");
        assertThat(listed.exitCode()).as(listed.toString()).isZero();
        assertThat(listed.out()).contains("coach anna (coach)", "oncall / action", "“what exactly did you change?”");

        var exported = cli("export");
        assertThat(exported.exitCode()).as(exported.toString()).isZero();
        assertThat(exported.out().lines()).hasSize(4).allSatisfy(line -> assertThat(line).contains("\"candidateId\":\"cli-user\""));

        java.nio.file.Path file = java.nio.file.Files.createTempFile("cli-export", ".ndjson");
        assertThat(cli("export", "--out", file.toString()).out()).contains("exported 4 events to " + file);
        var restored = cli("import", file.toString(), "--candidate", "cli-restored");
        assertThat(restored.exitCode()).as(restored.toString()).isZero();
        assertThat(restored.out()).contains("holds 4 events (1 to 4): 1 FeedbackReceived, 1 PracticeAttemptLogged, "
                + "1 StoryCreated, 1 StoryEdited", "restored  4 events appended, 0 already there; position 4");
        var again = cli("import", file.toString(), "--candidate", "cli-restored");
        assertThat(again.out()).contains("restored  0 events appended, 4 already there; position 4");
        var restoredStory = cli("story", "show", "oncall", "--candidate", "cli-restored");
        assertThat(restoredStory.out()).contains("version 2", "Changed the dedup config", "addresses fb-1");
        java.nio.file.Files.delete(file);

        var corrected = cli("feedback", "correct", "fb-1", "--theme", "stakeholders,ownership", "--note", "who decided?");
        assertThat(corrected.exitCode()).as(corrected.toString()).isZero();
        assertThat(corrected.out()).contains("feedback fb-1 now carries stakeholders, ownership");
        assertThat(cli("feedback", "list").out()).contains("stakeholders, ownership");
        assertThat(cli("feedback", "correct", "fb-1", "--theme", "stakeholders", "--none").exitCode())
                .as("both a theme and none").isEqualTo(2);
        var refused = cli("feedback", "correct", "fb-1", "--theme", "charisma");
        assertThat(refused.exitCode()).isEqualTo(3);
        assertThat(refused.err()).contains("no theme 'charisma' in rules version 1");
    }

    @Test
    void notes_imported_from_a_directory_show_up_in_the_readiness_and_themes_tables() throws Exception {
        String notes = "src/test/resources/notes-examples";
        var dry = cli("import", notes, "--dry-run", "--candidate", "cli-importer");
        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        assertThat(dry.out()).contains("(dry run: nothing written)", "story     new        star-oncall-pages", "feedback  6 new");

        var imported = cli("import", notes, "--candidate", "cli-importer");
        assertThat(imported.exitCode()).as(imported.toString()).isZero();
        assertThat(imported.out()).contains("story     created    search-relevance \"Search relevance\" (project-retro: context,",
                "story     created    star-oncall-pages", "feedback  3 created", "feedback  6 created",
                "1 note kept with the story, never read as feedback");
        var again = cli("import", notes, "--candidate", "cli-importer");
        assertThat(again.out()).contains("feedback  6 unchanged").doesNotContain("created");

        var logged = cli("log", "--rubric", "star", "--mode", "coach-mock", "--story", "star-oncall-pages",
                "--section", "situation=50:4", "--candidate", "cli-importer");
        assertThat(logged.exitCode()).as(logged.toString()).isZero();
        var readiness = cli("readiness", "--rubric", "STAR", "--candidate", "cli-importer");
        assertThat(readiness.exitCode()).as(readiness.toString()).isZero();
        assertThat(readiness.out()).contains("star").containsPattern("situation\\s+\\d+\\s+building\\s+1\\s+0/1 within 45 s, \\+5 s")
                .doesNotContain("project-retro");

        var themes = cli("themes", "--candidate", "cli-importer");
        assertThat(themes.exitCode()).as(themes.toString()).isZero();
        assertThat(themes.out()).contains("Impact and metrics", "“40 pages out of how many alerts? numbers feel loose”")
                .as("strengths listed in the givers' words, not only counted")
                .containsPattern("strengths: \\d+ items of praise from \\d+ people, most recently:\\R  \\d{4}-\\d\\d-\\d\\d  “[^”]+”");
    }

    @Test
    void the_shell_completion_script_knows_the_commands_and_their_options() throws Exception {
        var completion = cli("generate-completion");

        assertThat(completion.exitCode()).as(completion.toString()).isZero();
        assertThat(completion.out()).contains("complete -F").contains("readiness").contains("import")
                .contains("--dry-run").contains("--as-of");
    }

    @Test
    void a_refusal_exits_3_with_the_reason_and_bad_usage_exits_2() throws Exception {
        var refused = cli("log", "--rubric", "star", "--mode", "karaoke", "--section", "situation=50");
        assertThat(refused.exitCode()).isEqualTo(3);
        assertThat(refused.err()).contains("mode", "karaoke");

        var badUsage = cli("log", "--rubric", "star", "--mode", "solo", "--section", "situation=fifty");
        assertThat(badUsage.exitCode()).isEqualTo(2);
        assertThat(badUsage.err()).contains("--section must look like situation=50");
    }

    @Test
    void nothing_listening_exits_4_saying_so() throws Exception {
        var unreachable = cli("story", "list", "--url", "http://127.0.0.1:1");

        assertThat(unreachable.exitCode()).isEqualTo(4);
        assertThat(unreachable.err()).contains("nothing answers at http://127.0.0.1:1");
    }

    @Test
    void the_cli_finds_preptrack_on_the_port_up_was_given() throws Exception {
        var listed = cliWith(java.util.Map.of("PREPTRACK_PORT", String.valueOf(preptrack.port())), "story", "list");

        assertThat(listed.exitCode()).as(listed.toString()).isZero();
    }

    @Test
    void a_malformed_url_is_a_usage_error_not_a_stack_trace() throws Exception {
        var run = cli("story", "list", "--url", "127.0.0.1:7070");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--url must start with http://");
    }

    @Test
    void a_dry_run_of_changed_rules_is_published_watched_compared_and_discarded() throws Exception {
        // A candidate of its own: the other tests count cli-user's events.
        var logged = cli("log", "--candidate", "rules-user", "--rubric", "star", "--mode", "solo",
                "--section", "situation=80:3", "--section", "action=100:4");
        assertThat(logged.exitCode()).as(logged.toString()).isZero();
        var shown = cli("rules", "show");
        assertThat(shown.exitCode()).as(shown.toString()).isZero();
        Path changed = Files.createTempFile("rules", ".json");
        Files.writeString(changed, shown.out().replace("\"performance\": 0.5,", "\"performance\": 0.2,")
                .replace("\"practice\": 0.25,", "\"practice\": 0.55,"));

        var published = cli("rules", "publish", changed.toString(), "--dry-run", "--watch");
        assertThat(published.exitCode()).as(published.toString()).isZero();
        assertThat(published.out()).containsPattern("published rules\\S*\\.json as rules version (\\d+) \\(dry run")
                .containsPattern("r\\d+ \\(rules version \\d+, dry run\\): caught-up, ([\\d,]+) of \\1 records \\(100%\\)");
        String version = published.out().replaceAll("(?s).*as rules version (\\d+).*", "$1");

        var diff = cli("readiness", "--diff", "--candidate", "rules-user");
        assertThat(diff.exitCode()).as(diff.toString()).isZero();
        assertThat(diff.out()).contains("readiness under rules v1 -> v" + version).containsPattern("situation\\s+\\d+ ->\\s+\\d+\\s+[+-]\\d+");
        assertThat(cli("rules", "versions").out()).containsPattern("(?m)^" + version + "\\s+dry-run\\s+yes");
        assertThat(cli("replay", "status").out()).contains("r" + version + " (rules version " + version + ", dry run): caught-up");

        var retired = cli("rules", "retire", version);
        assertThat(retired.exitCode()).as(retired.toString()).isZero();
        assertThat(retired.out()).contains("rules version " + version + " is retired (discarded)");
        var refused = cli("rules", "retire", "1");
        assertThat(refused.exitCode()).isEqualTo(3);
        assertThat(refused.err()).contains("rules version 1 is active");
        Path broken = Files.createTempFile("rules", ".json");
        Files.writeString(broken, "{\"rubrics\": []}");
        var invalid = cli("rules", "publish", broken.toString());
        assertThat(invalid.exitCode()).isEqualTo(3);
        assertThat(invalid.err()).contains("nothing was published", "rubrics: must be a non-empty array", "themes: is required");
        // One problem is named too, with its field (the detail only counts them).
        var document = (com.fasterxml.jackson.databind.node.ObjectNode) com.fasterxml.jackson.databind.json.JsonMapper
                .builder().build().readTree(cli("rules", "show").out());
        ((com.fasterxml.jackson.databind.node.ObjectNode) document.path("readiness").path("practice"))
                .put("halfLifeDays", -3);
        Files.writeString(broken, document.toString());
        var one = cli("rules", "publish", broken.toString());
        assertThat(one.exitCode()).isEqualTo(3);
        assertThat(one.err()).contains("1 problem", "readiness.practice.halfLifeDays");
    }

    @Test
    void an_emerging_cluster_is_named_by_its_number_and_ranked_as_a_theme_after() throws Exception {
        for (String[] item : new String[][] {{"fb-mic-1", "ravi", "your mic kept cutting out"},
                {"fb-mic-2", "anna", "the mic was cutting out again, get a headset"}}) {
            var recorded = cli("feedback", "--candidate", "cli-named", "--id", item[0], "--from", item[1], "--role", "peer",
                    "--text", item[2]);
            assertThat(recorded.exitCode()).as(recorded.toString()).isZero();
        }
        var before = cli("themes", "--candidate", "cli-named");
        assertThat(before.out()).as(before.toString()).containsPattern("emerging among them .*\\R  1  [^\\n]*mic[^\\n]* ×2");
        assertThat(cli("themes", "name", "Audio", "--emerging", "2", "--candidate", "cli-named").exitCode())
                .as("there is one cluster").isEqualTo(2);
        assertThat(cli("themes", "name", "Audio", "--candidate", "cli-named").exitCode()).as("neither").isEqualTo(2);

        var named = cli("themes", "name", "Audio setup", "--emerging", "1", "--candidate", "cli-named");
        assertThat(named.exitCode()).as(named.toString()).isZero();
        assertThat(named.out()).contains("theme 'Audio setup' (audio-setup) now carries 2 items");
        var after = cli("themes", "--candidate", "cli-named");
        assertThat(after.out()).as(after.toString()).containsPattern("1\\s+Audio setup\\s+2\\s+2").doesNotContain("emerging");
        var refused = cli("themes", "name", "Delivery", "--items", "fb-mic-1", "--candidate", "cli-named");
        assertThat(refused.exitCode()).isEqualTo(3);
        assertThat(refused.err()).contains("is the rules' theme 'delivery'");
    }

    @Test
    void every_command_has_help() throws Exception {
        for (List<String> command : List.of(List.of("up"), List.of("story"), List.of("story", "create"),
                List.of("story", "edit"), List.of("log"), List.of("feedback"), List.of("feedback", "triage"),
                List.of("feedback", "correct"),
                List.of("export"), List.of("import"), List.of("readiness"), List.of("themes"), List.of("themes", "name"), List.of("rules"),
                List.of("rules", "publish"), List.of("rules", "activate"), List.of("rules", "retire"),
                List.of("replay", "status"))) {
            List<String> args = new ArrayList<>(command);
            args.add("--help");
            var help = cli(args.toArray(String[]::new));
            assertThat(help.exitCode()).as("%s --help", command).isZero();
            assertThat(help.out()).as("%s --help", command).contains("Usage: preptrack " + String.join(" ", command));
        }
    }

    private static Run cli(String... args) throws IOException, InterruptedException {
        return cliWith(java.util.Map.of("PREPTRACK_URL", "http://127.0.0.1:" + preptrack.port()), args);
    }

    private static Run cliWith(java.util.Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "dev.preptrack.ui.Main"));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command);
        builder.environment().remove("PREPTRACK_URL");
        builder.environment().remove("PREPTRACK_PORT");
        builder.environment().putAll(environment);
        builder.environment().put("PREPTRACK_TOKEN", preptrack.token().value());
        builder.environment().put("PREPTRACK_CANDIDATE", "cli-user");
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    private record Run(int exitCode, String out, String err) {
    }
}
