package dev.preptrack.ui;

import static dev.preptrack.ui.WriteApiTest.path;
import static org.assertj.core.api.Assertions.assertThat;

import dev.preptrack.projections.topology.ProjectionSet;
import dev.preptrack.projections.query.CandidateOwners;
import dev.preptrack.projections.query.ReadQueries;
import dev.preptrack.projections.query.ReadModels;
import dev.preptrack.rules.RulesLoader;
import dev.preptrack.ui.config.PreptrackConfig;
import dev.preptrack.ui.wiring.StreamsSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Replay equals live, over the real broker: a random history (backdated events included) is
 * written through the HTTP API while the whole process is stopped and started between
 * batches; then a fresh projection application (new application id, no state) folds the log
 * from the first offset. Every read model of every candidate must be equal in both.
 */
@Tag("integration")
@Timeout(300)
class ReplayEqualsLiveOverKafkaTest {

    private static final List<String> FEEDBACK = List.of("numbers? 40% of what?", "too long, cut the setup",
            "who decided that?", "why Postgres over Dynamo?", "what did you learn?", "good energy, keep it",
            "how did you get the platform team on board?", "the mic kept cutting out", "what was the legacy system?",
            "rambled in the middle", "what exactly changed in the code?", "lots of 'um' and 'like'");
    private static final List<String> SECTIONS = List.of("situation", "task", "action", "result", "reflection");

    @Test
    void a_fresh_replay_of_the_log_equals_the_live_projections_built_across_restarts() throws Exception {
        Path home = Files.createTempDirectory("preptrack-replay");
        PreptrackConfig config = TestInstances.embeddedIn(home);
        var random = new Random(20261123);
        var history = new History(random);
        Map<String, Long> positions = new HashMap<>();
        Preptrack live = null;
        try {
            for (int batch = 0; batch < 3; batch++) {
                live = Preptrack.start(config);
                var api = new Api(live.port(), live.token().value());
                for (int i = 0; i < 25; i++) {
                    var written = history.next(api);
                    positions.merge(written.candidate(), written.position(), Math::max);
                }
                if (batch < 2) {
                    live.close();
                }
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(1));
            var settings = new StreamsSettings(live.kafka(), home.resolve("replay-state"), (short) 1,
                    "preptrack.dead-letters", "replay-" + UUID.randomUUID());
            try (ProjectionSet replay = ProjectionSet.start(settings.common(),
                    TestInstances.registry(live), RulesLoader.defaults(), "127.0.0.1:1",
                    "preptrack-replay-test-" + UUID.randomUUID())) {
                Awaitility.await().atMost(Duration.ofSeconds(60))
                        .until(() -> replay.state() == org.apache.kafka.streams.KafkaStreams.State.RUNNING);
                Duration deadline = Duration.ofSeconds(30);
                Clock at = Clock.fixed(now, ZoneOffset.UTC);
                ReadQueries replayed = queries(replay.readModels(deadline), at);
                ReadQueries liveReads = queries(live.projections().readModels(deadline), at);
                assertThat(positions).hasSize(3);
                for (var candidate : positions.entrySet()) {
                    String id = candidate.getKey();
                    long after = candidate.getValue();
                    assertThat(replayed.stories().stories(id, after)).as(id).isEqualTo(liveReads.stories().stories(id, after));
                    assertThat(replayed.feedback().feedback(id, after)).as(id)
                            .isEqualTo(liveReads.feedback().feedback(id, after));
                    assertThat(replayed.readiness().readiness(id, null, null, after)).as(id)
                            .isEqualTo(liveReads.readiness().readiness(id, null, null, after));
                    assertThat(replayed.feedback().themes(id, after)).as(id)
                            .isEqualTo(liveReads.feedback().themes(id, after));
                    assertThat(liveReads.readiness().readiness(id, null, null, after).rubrics())
                            .anySatisfy(rubric -> assertThat(rubric.score()).isPositive());
                    // As of an earlier time, from each set's own timeline.
                    String aWeekAgo = now.minus(Duration.ofDays(8)).toString();
                    assertThat(replayed.readiness().readiness(id, null, aWeekAgo, after)).as(id)
                            .isEqualTo(liveReads.readiness().readiness(id, null, aWeekAgo, after));
                }
            }
        } finally {
            if (live != null) {
                live.close();
            }
            delete(home);
        }
    }

    private static ReadQueries queries(ReadModels models, Clock clock) {
        return ReadQueries.over(models, CandidateOwners.ALONE, candidateId -> List.of(), RulesLoader.defaults(), clock);
    }

    /** A random week or three of practice: stories, attempts (often backdated), feedback, edits, triage. */
    private static final class History {
        private final Random random;
        private final Map<String, List<String>> stories = new HashMap<>();
        private final Map<String, Integer> versions = new HashMap<>();
        private final Map<String, List<String>> attempts = new HashMap<>();
        private final Map<String, List<String>> feedback = new HashMap<>();
        private int n;

        History(Random random) {
            this.random = random;
        }

        record Written(String candidate, long position) {
        }

        Written next(Api api) {
            String candidate = "replay-" + random.nextInt(3);
            List<String> mine = stories.computeIfAbsent(candidate, c -> new ArrayList<>());
            // Stories are written first (35 days ago); everything else is backdated at random within
            // the last 30 days, feedback after the attempt it is about, so arrival order != time order.
            Instant when = Instant.now().minus(Duration.ofHours(random.nextInt(24 * 30))).truncatedTo(ChronoUnit.SECONDS);
            String at = when.toString();
            int kind = mine.isEmpty() ? 0 : random.nextInt(10);
            Api.Answer answer;
            if (kind == 0 && mine.size() < 3) {
                String story = "s" + (n++);
                answer = api.post(path(candidate, "/stories"), "{\"storyId\": \"" + story + "\", \"title\": \"T\", "
                        + "\"rubric\": \"star\", \"sections\": {\"situation\": \"x\"}, \"occurredAt\": \""
                        + Instant.now().minus(Duration.ofDays(35)).truncatedTo(ChronoUnit.SECONDS) + "\"}");
                mine.add(story);
                versions.put(story, 1);
            } else if (kind <= 4) {
                String attempt = "a" + (n++);
                String story = mine.get(random.nextInt(mine.size()));
                var sections = new ArrayList<String>();
                for (String section : SECTIONS) {
                    if (random.nextBoolean() || (sections.isEmpty() && section.equals("reflection"))) {
                        sections.add("{\"section\": \"" + section + "\", \"seconds\": " + (10 + random.nextInt(120))
                                + ", \"selfScore\": " + (1 + random.nextInt(5)) + "}");
                    }
                }
                answer = api.post(path(candidate, "/attempts"), "{\"attemptId\": \"" + attempt + "\", \"storyId\": \""
                        + story + "\", \"rubric\": \"star\", \"mode\": \"peer-mock\", \"occurredAt\": \"" + at
                        + "\", \"sections\": [" + String.join(",", sections) + "]}");
                attempts.computeIfAbsent(candidate, c -> new ArrayList<>()).add(attempt + "|" + story + "|" + at);
            } else if (kind <= 7 && attempts.containsKey(candidate)) {
                String feedbackId = "f" + (n++);
                String[] attempt = pick(attempts.get(candidate)).split("\\|");
                Instant attemptAt = Instant.parse(attempt[2]);
                at = attemptAt.plus(Duration.between(attemptAt, Instant.now()).dividedBy(2)).truncatedTo(ChronoUnit.SECONDS)
                        .toString();
                answer = api.post(path(candidate, "/feedback"), "{\"feedbackId\": \"" + feedbackId + "\", \"attemptId\": \""
                        + attempt[0] + "\", \"storyId\": \"" + attempt[1] + "\", \"rubric\": \"star\", \"section\": \""
                        + pick(SECTIONS) + "\", \"score\": " + (1 + random.nextInt(5)) + ", \"source\": {\"name\": \""
                        + pick(List.of("anna", "bo", "chen")) + "\", \"role\": \"" + pick(List.of("peer", "coach",
                        "interviewer")) + "\"}, \"text\": \"" + pick(FEEDBACK) + "\", \"occurredAt\": \"" + at + "\"}");
                feedback.computeIfAbsent(candidate, c -> new ArrayList<>()).add(feedbackId + "|" + attempt[1]);
            } else if (kind == 8 && feedback.containsKey(candidate)) {
                String[] item = pick(feedback.get(candidate)).split("\\|");
                int version = versions.get(item[1]);
                answer = api.put(path(candidate, "/stories/" + item[1]), "{\"sections\": {\"action\": \"v" + (version + 1)
                        + "\"}, \"addressesFeedback\": [\"" + item[0] + "\"], \"occurredAt\": \"" + at + "\"}",
                        "If-Match", "\"" + version + "\"");
                versions.put(item[1], version + 1);
            } else if (feedback.containsKey(candidate)) {
                String[] item = pick(feedback.get(candidate)).split("\\|");
                answer = api.post(path(candidate, "/feedback/" + item[0] + "/triage"), "{\"decision\": \""
                        + pick(List.of("addressed", "wont-fix", "reopened")) + "\", \"occurredAt\": \"" + at + "\"}");
            } else {
                return next(api);
            }
            assertThat(answer.status()).as("%s", answer).isIn(200, 201);
            return new Written(candidate, Long.parseLong(answer.json().path("position").asText()));
        }

        private <T> T pick(List<T> from) {
            return from.get(random.nextInt(from.size()));
        }
    }

    private static void delete(Path directory) throws IOException {
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
