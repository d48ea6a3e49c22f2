package dev.preptrack.projections.query;

import dev.preptrack.projections.StoryAttemptView;
import dev.preptrack.projections.StoryVersionView;
import dev.preptrack.projections.StoryView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One story as {@code GET /stories/{id}} answers it: its current sections in the order they are
 * spoken (the rubric's; any the rules no longer know last, by name) and every version with what
 * it changed, the text it wrote and the attempts made on it. Instants are ISO-8601 text.
 */
public record StoryDetail(String storyId, String title, String rubric, List<String> tags, int version, boolean retired,
        String prompt, Map<String, String> sections, List<String> notes, List<Version> versions) {

    public record Version(int version, String occurredAt, List<String> changedSections, List<String> feedbackAddressed,
            String note, List<Attempt> attempts, Map<String, String> text) {

        static Version of(StoryVersionView version) {
            // The text in the order of changedSections (sorted), so the answer is the same bytes every time.
            Map<String, String> text = new LinkedHashMap<>();
            version.getChangedSections().forEach(section -> {
                String written = version.getText().get(section);
                if (written != null) {
                    text.put(section, written);
                }
            });
            return new Version(version.getVersion(), version.getOccurredAt().toString(), version.getChangedSections(),
                    version.getFeedbackAddressed(), version.getNote(),
                    version.getAttempts().stream().map(Attempt::of).toList(), text);
        }
    }

    public record Attempt(String attemptId, String occurredAt, String mode, Integer selfScore,
            List<FeedbackScore> feedbackScores) {

        static Attempt of(StoryAttemptView attempt) {
            return new Attempt(attempt.getAttemptId(), attempt.getOccurredAt().toString(), attempt.getMode(),
                    attempt.getSelfScore(), attempt.getFeedbackScores().stream()
                            .map(score -> new FeedbackScore(score.getFeedbackId(), score.getRole(), score.getScore()))
                            .toList());
        }
    }

    public record FeedbackScore(String feedbackId, String role, int score) {
    }

    static StoryDetail of(StoryView story, Map<String, String> sectionsInOrder) {
        return new StoryDetail(story.getStoryId(), story.getTitle(), story.getRubric(), story.getTags(),
                story.getVersion(), story.getRetired(), story.getPrompt(), sectionsInOrder, story.getNotes(),
                story.getVersions().stream().map(Version::of).toList());
    }
}
