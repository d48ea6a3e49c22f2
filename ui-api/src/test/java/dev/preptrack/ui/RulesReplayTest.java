package dev.preptrack.ui;

import static dev.preptrack.ui.WriteApiTest.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.preptrack.projections.query.CandidateOwners;
import dev.preptrack.projections.query.InMemoryReadModels;
import dev.preptrack.projections.query.ReadQueries;
import dev.preptrack.projections.query.ReadinessResult;
import dev.preptrack.projections.themes.ThemeClassifier;
import dev.preptrack.rules.Rules;
import dev.preptrack.rules.RulesLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Publishing rules and replaying history under them, end to end: the real broker and registry,
 * the HTTP API, one process. Each publication is checked against a direct fold of the candidate's
 * events (read back from the log) under the published rules, and reads taken while a rebuild runs
 * must keep answering the old version, whole, until they switch.
 */
@Tag("integration")
@Timeout(300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RulesReplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CANDIDATES = List.of("ana", "ben", "cy");
    /** Every read names this moment, so the direct fold and the API decay the same way. */
    private static final String AS_OF = "2026-11-20T12:00:00Z";

    private static Preptrack preptrack;
    private static Api api;

    @BeforeAll
    static void history() throws Exception {
        Path home = Files.createTempDirectory("preptrack-rules");
        preptrack = Preptrack.start(TestInstances.embeddedIn(home));
        api = new Api(preptrack.port(), preptrack.token().value());
        int day = 1;
        for (String candidate : CANDIDATES) {
            ok(api.post(path(candidate, "/stories"), "{\"storyId\": \"s1\", \"title\": \"Migration\", \"rubric\": \"star\","
                    + " \"sections\": {\"situation\": \"a monolith\", \"action\": \"split it\"},"
                    + " \"occurredAt\": \"2026-10-01T09:00:00Z\"}"));
            for (int attempt = 0; attempt < 6; attempt++, day++) {
                String at = String.format("2026-10-%02dT10:00:00Z", 2 + attempt * 3);
                ok(api.post(path(candidate, "/attempts"), "{\"attemptId\": \"a" + attempt + "\", \"storyId\": \"s1\","
                        + " \"rubric\": \"star\", \"mode\": \"solo\", \"occurredAt\": \"" + at + "\", \"sections\": ["
                        + "{\"section\": \"situation\", \"seconds\": " + (40 + attempt * 7 + candidate.length()) + ", \"selfScore\": "
                        + (2 + attempt % 3) + "},"
                        + "{\"section\": \"action\", \"seconds\": " + (70 + attempt * 11) + ", \"selfScore\": " + (3 + attempt % 2)
                        + "}]}"));
                if (attempt % 2 == 1) {
                    ok(api.post(path(candidate, "/feedback"), "{\"attemptId\": \"a" + attempt + "\", \"storyId\": \"s1\","
                            + " \"text\": \"" + (attempt == 1 ? "too much context, get to the action sooner"
                            : attempt == 3 ? "what was the impact? numbers please" : "great energy, clear structure")
                            + "\", \"source\": {\"role\": \"coach\", \"name\": \"Kim\"}, \"rubric\": \"star\","
                            + " \"section\": \"situation\", \"score\": " + (2 + attempt / 2) + ", \"occurredAt\": \"" + at
                            + "\"}"));
                }
            }
        }
    }

    @AfterAll
    static void stop() {
        if (preptrack != null) {
            preptrack.close();
        }
    }

    @Test
    @Order(1)
    void new_readiness_weights_change_scores_exactly_as_a_direct_fold_predicts_reads_never_mix_versions_and_no_text_is_classified_again()
            throws Exception {
        int before = activeVersion();
        String changed = withWeights(document(before), 0.2, 0.6, 0.2);
        Map<String, JsonNode> themes = new TreeMap<>();
        for (String candidate : CANDIDATES) {
            themes.put(candidate, themesOf(candidate));
        }
        // As a process whose memory of texts no longer holds them: the rebuild must take the
        // active set's classifications (the themes did not change), not classify them again.
        ThemeClassifier.forgetRemembered();
        double classified = classifiedSoFar();
        var reads = new CopyOnWriteArrayList<String>();
        var answers = new CopyOnWriteArrayList<JsonNode>();
        var reading = new AtomicBoolean(true);
        Thread reader = new Thread(() -> {
            Api own = api.otherConnection();
            while (reading.get()) {
                var answer = own.get(path("ana", "/readiness?asOf=" + AS_OF));
                reads.add(answer.status() + " " + (answer.status() == 200
                        ? answer.json().path("rulesVersion").asInt() + " " + answer.json().path("rubrics").size()
                        : answer.body()));
                if (answer.status() == 200) {
                    answers.add(answer.json());
                }
            }
        });
        reader.start();
        try {
            var published = api.post("/api/v1/rules", changed);
            assertThat(published.status()).as(published.toString()).isEqualTo(202);
            int version = published.json().path("version").asInt();
            assertThat(version).isEqualTo(before + 1);
            assertThat(published.json().path("replayId").asText()).isEqualTo("r" + version);
            awaitSwitched(version);
            // Asked before this test's own direct folds below, which classify in this same process.
            assertThat(classifiedSoFar()).as("feedback texts classified during a rebuild whose themes did not change")
                    .isEqualTo(classified);
            // A few more reads under the new version.
            int seen = reads.size();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> reads.size() > seen + 5);
        } finally {
            reading.set(false);
            reader.join();
        }
        int after = before + 1;
        int rubrics = RulesLoader.defaults().rubrics().size();
        assertThat(reads).allSatisfy(read -> assertThat(read).matches("200 (" + before + "|" + after + ") " + rubrics));
        List<Integer> versions = reads.stream().map(read -> Integer.parseInt(read.split(" ")[1])).toList();
        assertThat(versions.get(0)).as("reads during the rebuild answer the old version").isEqualTo(before);
        assertThat(versions.get(versions.size() - 1)).isEqualTo(after);
        assertThat(versions).as("once switched, never back").isSorted();

        Rules rules = RulesLoader.publishedAs(changed, after);
        // Every answer is whole under the version it names: all its scores are that version's.
        Map<Integer, Map<String, String>> expected = Map.of(before,
                scores(directFold("ana", RulesLoader.publishedAs(document(before), before))), after,
                scores(directFold("ana", rules)));
        assertThat(expected.get(before)).isNotEqualTo(expected.get(after));
        assertThat(answers).allSatisfy(answer -> assertThat(scores(answer))
                .isEqualTo(expected.get(answer.path("rulesVersion").asInt())));
        for (String candidate : CANDIDATES) {
            JsonNode answer = api.get(path(candidate, "/readiness?asOf=" + AS_OF)).json();
            assertThat(answer.path("rulesVersion").asInt()).isEqualTo(after);
            assertThat(scores(answer)).isEqualTo(scores(directFold(candidate, rules)));
        }
        // The weights moved practice up: scores really changed, so the comparison above means something.
        JsonNode old = JSON.valueToTree(directFold("ana", RulesLoader.publishedAs(document(before), before)));
        assertThat(scores(old)).isNotEqualTo(scores(api.get(path("ana", "/readiness?asOf=" + AS_OF)).json()));
        for (String candidate : CANDIDATES) {
            assertThat(themesOf(candidate)).isEqualTo(themes.get(candidate));
        }
    }

    /** A candidate's themes answer without the version and the moment it was asked. */
    private static JsonNode themesOf(String candidate) {
        var answer = (ObjectNode) withoutVersion(api.get(path(candidate, "/themes")).json());
        answer.remove("asOf");
        return answer;
    }

    /** {@code preptrack_themes_classified_total} on /metrics. */
    private static double classifiedSoFar() {
        var matcher = java.util.regex.Pattern.compile("(?m)^preptrack_themes_classified_total(?:\\{[^}]*\\})? (\\S+)$")
                .matcher(api.get("/metrics").body());
        assertThat(matcher.find()).as("preptrack_themes_classified_total on /metrics").isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    @Test
    @Order(2)
    void the_same_document_published_again_answers_identically_under_the_new_version_number() {
        int before = activeVersion();
        var document = api.get("/api/v1/rules");
        assertThat(document.response().headers().firstValue("Preptrack-Rules-Version")).contains(String.valueOf(before));
        Map<String, JsonNode> answers = new TreeMap<>();
        for (String candidate : CANDIDATES) {
            answers.put(candidate, withoutVersion(api.get(path(candidate, "/readiness?asOf=" + AS_OF)).json()));
        }

        var published = api.post("/api/v1/rules", document.body());
        assertThat(published.status()).as(published.toString()).isEqualTo(202);
        int after = published.json().path("version").asInt();
        assertThat(after).isEqualTo(before + 1);
        awaitSwitched(after);

        for (String candidate : CANDIDATES) {
            JsonNode answer = api.get(path(candidate, "/readiness?asOf=" + AS_OF)).json();
            assertThat(answer.path("rulesVersion").asInt()).isEqualTo(after);
            assertThat(withoutVersion(answer)).isEqualTo(answers.get(candidate));
        }
        assertThat(api.get("/api/v1/rules").body()).isEqualTo(document.body());
    }

    @Test
    @Order(3)
    void an_invalid_document_is_refused_with_every_problem_and_nothing_changes() throws Exception {
        String versionsBefore = api.get("/api/v1/rules/versions").body();
        ObjectNode broken = (ObjectNode) JSON.readTree(document(activeVersion()));
        ((ObjectNode) broken.path("readiness").path("weights")).put("timing", 0.9);
        ((ObjectNode) broken.path("rubrics").path(0).path("sections").path(1)).put("budgetSeconds", -1);

        var refused = api.post("/api/v1/rules", broken.toString());

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().path("errors").findValuesAsText("field"))
                .contains("readiness.weights", "rubrics[0].sections[1].budgetSeconds");
        assertThat(api.get("/api/v1/rules/versions").body()).isEqualTo(versionsBefore);
        assertThat(api.post("/api/v1/rules", "{not json").status()).isEqualTo(422);
    }

    @Test
    @Order(4)
    void a_dry_run_builds_beside_the_active_version_shows_the_diff_and_never_switches_until_promoted()
            throws Exception {
        int active = activeVersion();
        ObjectNode slower = (ObjectNode) JSON.readTree(document(active));
        // Halve every STAR budget: over-budget timing now counts against every attempt.
        slower.path("rubrics").path(0).path("sections").forEach(section ->
                ((ObjectNode) section).put("budgetSeconds", Math.max(5, section.path("budgetSeconds").asInt() / 2)));

        var published = api.post("/api/v1/rules?dryRun=true", slower.toString());
        assertThat(published.status()).as(published.toString()).isEqualTo(202);
        int dry = published.json().path("version").asInt();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                api.get("/api/v1/replays/r" + dry).json().path("state").asText().equals("caught-up"));
        JsonNode replay = api.get("/api/v1/replays/r" + dry).json();
        assertThat(replay.path("processed").asLong()).isEqualTo(replay.path("total").asLong()).isPositive();
        // The same figures for Prometheus.
        assertThat(api.get("/metrics").body()).containsPattern("preptrack_replay_events\\{version=\"" + dry + "\"\\} "
                + replay.path("total").asLong() + "\\.0").contains("preptrack_replay_processed{version=\"" + dry + "\"}");
        Thread.sleep(1500);
        assertThat(activeVersion()).as("a dry run never switches").isEqualTo(active);
        assertThat(api.get(path("ana", "/readiness")).json().path("rulesVersion").asInt()).isEqualTo(active);

        JsonNode diff = api.get(path("ana", "/readiness/diff?to=" + dry)).json();
        assertThat(diff.path("from").asInt()).isEqualTo(active);
        assertThat(diff.path("to").asInt()).isEqualTo(dry);
        JsonNode situation = diff.path("rubrics").path(0).path("sections").path(0);
        assertThat(situation.path("section").asText()).isEqualTo("situation");
        assertThat(situation.path("score").path("change").asInt()).as(diff.toString()).isNegative();
        assertThat(api.get(path("ana", "/themes/diff?to=" + dry)).status()).isEqualTo(200);

        var discarded = api.post("/api/v1/rules/" + dry + "/retire", null);
        assertThat(discarded.status()).as(discarded.toString()).isEqualTo(200);
        assertThat(discarded.json().path("state").asText()).isEqualTo("retired");
        assertThat(api.get("/api/v1/replays/r" + dry).json().path("state").asText()).isEqualTo("cancelled");
        assertThat(api.get(path("ana", "/readiness/diff?to=" + dry)).status()).isEqualTo(400);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> topics().stream()
                .noneMatch(topic -> topic.contains("-r" + dry + "-") || topic.endsWith(".r" + dry)));
    }

    @Test
    @Order(5)
    void a_renamed_section_keeps_its_readiness_across_the_change() throws Exception {
        int before = activeVersion();
        JsonNode was = api.get(path("ana", "/readiness?asOf=" + AS_OF)).json().path("rubrics").path(0);
        ObjectNode renamed = (ObjectNode) JSON.readTree(document(before));
        ObjectNode situation = (ObjectNode) renamed.path("rubrics").path(0).path("sections").path(0);
        assertThat(situation.path("id").asText()).isEqualTo("situation");
        situation.put("id", "setting");
        situation.putArray("formerly").add("situation");

        var published = api.post("/api/v1/rules", renamed.toString());
        assertThat(published.status()).as(published.toString()).isEqualTo(202);
        int after = published.json().path("version").asInt();
        awaitSwitched(after);

        JsonNode now = api.get(path("ana", "/readiness?asOf=" + AS_OF)).json().path("rubrics").path(0);
        assertThat(now.path("sections").path(0).path("section").asText()).isEqualTo("setting");
        assertThat(now.path("sections").path(0).path("score").asInt())
                .isEqualTo(was.path("sections").path(0).path("score").asInt()).isPositive();
        assertThat(now.path("score").asInt()).isEqualTo(was.path("score").asInt());
        JsonNode diff = api.get(path("ana", "/readiness/diff?from=" + before + "&to=" + after)).json();
        JsonNode first = diff.path("rubrics").path(0).path("sections").path(0);
        assertThat(first.path("formerly").asText()).isEqualTo("situation");
        assertThat(first.path("score").path("change").asInt()).isZero();
        // A story's text written under the old id shows under the new one.
        assertThat(api.get(path("ana", "/stories/s1")).json().path("sections").path("setting").asText())
                .isEqualTo("a monolith");
    }

    // ---- helpers ----

    private static void ok(Api.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isBetween(200, 201);
    }

    private static int activeVersion() {
        return api.get("/api/v1/rules/versions").json().path("active").asInt();
    }

    private static String document(int version) {
        return api.get("/api/v1/rules/" + version).body();
    }

    private static void awaitSwitched(int version) {
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode replay = api.get("/api/v1/replays/r" + version).json();
            assertThat(replay.path("state").asText()).isNotIn("failed", "cancelled");
            return replay.path("state").asText().equals("switched") && activeVersion() == version;
        });
    }

    private static String withWeights(String document, double performance, double practice, double timing)
            throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(document);
        ((ObjectNode) root.path("readiness").path("weights")).put("performance", performance).put("practice", practice)
                .put("timing", timing);
        return root.toString();
    }

    private static ReadinessResult directFold(String candidate, Rules rules) {
        var events = preptrack.reads().events().of(candidate);
        var models = new InMemoryReadModels(rules).given(events);
        ReadQueries direct = ReadQueries.over(models, CandidateOwners.ALONE, id -> events, rules,
                Clock.fixed(Instant.parse(AS_OF), ZoneOffset.UTC));
        return direct.readiness().readiness(candidate, null, AS_OF, 0);
    }

    /** Every rubric's and section's score, level and components, by path. */
    private static Map<String, String> scores(Object answer) {
        JsonNode tree = answer instanceof JsonNode node ? node : JSON.valueToTree(answer);
        Map<String, String> scores = new TreeMap<>();
        for (JsonNode rubric : tree.path("rubrics")) {
            scores.put(rubric.path("rubric").asText(), rubric.path("score").asInt() + " " + rubric.path("level").asText());
            for (JsonNode section : rubric.path("sections")) {
                scores.put(rubric.path("rubric").asText() + "/" + section.path("section").asText(),
                        section.path("score").asInt() + " " + section.path("level").asText() + " "
                                + section.path("components"));
            }
        }
        return scores;
    }

    private static JsonNode withoutVersion(JsonNode answer) {
        ObjectNode copy = answer.deepCopy();
        copy.remove("rulesVersion");
        return copy;
    }

    private static List<String> topics() throws Exception {
        var props = preptrack.kafka().properties();
        try (var admin = org.apache.kafka.clients.admin.Admin.create(props)) {
            return new ArrayList<>(admin.listTopics().names().get());
        }
    }
}
