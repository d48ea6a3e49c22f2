package dev.preptrack.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A candidate's year of preparation, generated deterministically from a seed as the HTTP writes
 * a person would make: a handful of stories under three of the shipped rubrics, practice attempts
 * spread over the year with each section's time around its budget (sometimes over), self-scores,
 * feedback from coaches, interviewers and peers in the words they use, and story edits that
 * address some of it. The same seed and end give the same requests, in the order they happened.
 */
final class History {

    /** One write: method, path under the candidate, JSON body, and the Idempotency-Key to send. */
    record Write(String method, String path, String body, String key, String ifMatch) {
    }

    private record Story(String id, String rubric, String[] sections, int[] budgets) {
    }

    private static final Story[] STORIES = {
        new Story("oncall", "star", new String[] {"situation", "task", "action", "result", "reflection"},
                new int[] {45, 30, 90, 45, 30}),
        new Story("migration", "star", new String[] {"situation", "task", "action", "result", "reflection"},
                new int[] {45, 30, 90, 45, 30}),
        new Story("conflict", "star", new String[] {"situation", "task", "action", "result", "reflection"},
                new int[] {45, 30, 90, 45, 30}),
        new Story("search-ranking", "project-retro", new String[] {"context", "strategy", "okrs", "roadmap",
            "xf-alignment", "delivery-risks", "failures-learning"}, new int[] {150, 150, 600, 420, 180, 600, 300}),
        new Story("payments", "project-retro", new String[] {"context", "strategy", "okrs", "roadmap",
            "xf-alignment", "delivery-risks", "failures-learning"}, new int[] {150, 150, 600, 420, 180, 600, 300}),
        new Story("feed-design", "system-design", new String[] {"requirements", "architecture", "data-pipeline",
            "rbac-privacy", "evaluation", "monitoring", "scale"}, new int[] {300, 600, 480, 300, 420, 240, 360}),
    };

    private static final String[] FEEDBACK = {
        "numbers? what was the baseline before the change",
        "85% of what? say what you measured and against what",
        "what exactly did you change in the dedup, config or code?",
        "too much 'we' - what did you personally do here",
        "you ran long on the situation, get to the action faster",
        "who decided that? how did you get the other team to agree",
        "what alternatives did you consider and why this one",
        "what would you do differently next time",
        "lots of filler words and the pace was rushed",
        "explain the acronyms, I did not know what ORS was",
        "the structure wandered, signpost the sections",
        "what did the lag look like and how did you measure it",
        "great clear answer, nothing to change",
        "strong reflection, keep that part as it is",
        "how does the retry policy work when the downstream is down",
        "was the disagreement really settled or did you route around it",
        "what was the existing system before you started",
        "risks? what could have gone wrong and how did you mitigate it",
        "the ending felt rushed, leave time for the result",
        "who was the customer and why did they care",
    };

    private static final String[][] GIVERS = {{"coach anna", "coach"}, {"interviewer raj", "interviewer"},
        {"peer kim", "peer"}, {"interviewer li", "interviewer"}, {"coach ben", "coach"}};

    private History() {
    }

    /**
     * @param attempts practice attempts in the year
     * @param feedback feedback items, tied to attempts' sections
     * @param end when the last write happens (the year ends there)
     */
    static List<Write> of(long seed, int attempts, int feedback, Instant end) {
        var random = new Random(seed);
        List<Write> writes = new ArrayList<>();
        Instant start = end.minus(Duration.ofDays(365));
        for (Story story : STORIES) {
            var sections = new StringBuilder();
            for (String section : story.sections()) {
                sections.append(sections.length() == 0 ? "" : ",").append('"').append(section)
                        .append("\":\"notes for ").append(section).append('"');
            }
            writes.add(new Write("POST", "/stories", "{\"storyId\":\"" + story.id() + "\",\"title\":\"" + story.id()
                    + "\",\"rubric\":\"" + story.rubric() + "\",\"sections\":{" + sections + "},\"occurredAt\":\""
                    + start + "\"}", "story-" + story.id(), null));
        }
        int[] versions = new int[STORIES.length];
        java.util.Arrays.fill(versions, 1);
        List<String> openFeedback = new ArrayList<>();
        int feedbackGiven = 0;
        long span = Duration.between(start, end).toMillis() - 60_000;
        for (int i = 0; i < attempts; i++) {
            // Practice thickens towards the interviews at the end of the year.
            double position = Math.sqrt((i + random.nextDouble()) / attempts);
            Instant at = start.plusMillis(60_000 + (long) (position * span));
            int storyIndex = random.nextInt(STORIES.length);
            Story story = STORIES[storyIndex];
            String mode = new String[] {"solo", "solo", "peer-mock", "coach-mock", "interview"}[random.nextInt(5)];
            var sections = new StringBuilder();
            for (int s = 0; s < story.sections().length; s++) {
                int seconds = (int) Math.max(5, story.budgets()[s] * (0.7 + 0.6 * random.nextDouble()));
                sections.append(s == 0 ? "" : ",").append("{\"section\":\"").append(story.sections()[s])
                        .append("\",\"seconds\":").append(seconds).append(",\"selfScore\":")
                        .append(2 + random.nextInt(4)).append('}');
            }
            String attemptId = "a-" + i;
            writes.add(new Write("POST", "/attempts", "{\"attemptId\":\"" + attemptId + "\",\"storyId\":\""
                    + story.id() + "\",\"rubric\":\"" + story.rubric() + "\",\"mode\":\"" + mode
                    + "\",\"sections\":[" + sections + "],\"occurredAt\":\"" + at + "\"}", attemptId, null));
            // Feedback follows mocks more than solo runs, until the planned number is given.
            int due = (int) Math.round((double) feedback * (i + 1) / attempts) - feedbackGiven;
            for (int f = 0; f < due; f++) {
                String[] giver = GIVERS[random.nextInt(GIVERS.length)];
                String section = story.sections()[random.nextInt(story.sections().length)];
                String feedbackId = "fb-" + feedbackGiven++;
                writes.add(new Write("POST", "/feedback", "{\"feedbackId\":\"" + feedbackId + "\",\"attemptId\":\""
                        + attemptId + "\",\"storyId\":\"" + story.id() + "\",\"rubric\":\"" + story.rubric()
                        + "\",\"section\":\"" + section + "\",\"text\":\"" + FEEDBACK[random.nextInt(FEEDBACK.length)]
                        + "\",\"score\":" + (1 + random.nextInt(5)) + ",\"source\":{\"name\":\"" + giver[0]
                        + "\",\"role\":\"" + giver[1] + "\"},\"occurredAt\":\"" + at.plusSeconds(600 + f) + "\"}",
                        feedbackId, null));
                openFeedback.add(story.id() + "|" + feedbackId);
            }
            // Now and then an edit addresses what the story's feedback asked for.
            if (random.nextInt(15) == 0) {
                List<String> addressed = openFeedback.stream().filter(item -> item.startsWith(story.id() + "|"))
                        .map(item -> item.substring(item.indexOf('|') + 1)).toList();
                openFeedback.removeIf(item -> item.startsWith(story.id() + "|"));
                String section = story.sections()[random.nextInt(story.sections().length)];
                writes.add(new Write("PUT", "/stories/" + story.id(), "{\"sections\":{\"" + section
                        + "\":\"rewritten after feedback, take " + versions[storyIndex] + "\"},\"addressesFeedback\":["
                        + String.join(",", addressed.stream().map(id -> '"' + id + '"').toList())
                        + "],\"occurredAt\":\"" + at.plusSeconds(3600) + "\"}", "edit-" + i,
                        "\"" + versions[storyIndex]++ + "\""));
            }
        }
        return writes;
    }
}
