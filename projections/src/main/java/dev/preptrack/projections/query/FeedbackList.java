package dev.preptrack.projections.query;

import dev.preptrack.projections.FeedbackItemView;
import dev.preptrack.rules.ThemeRules;
import dev.preptrack.projections.themes.ThemesReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A candidate's feedback as {@code GET /feedback} answers it: every item, oldest first, with its
 * themes and why, its status, the edits that addressed it, its latest triage, its correction
 * (when a person said which themes it carries) or the corrected item it learned its themes from;
 * {@code position} is the last event folded in. Instants are ISO-8601 text.
 */
public record FeedbackList(List<Item> items, String position) {

    public record Item(String feedbackId, String text, Source source, String occurredAt, String storyId,
            String attemptId, String rubric, String section, Integer score, List<String> themes, String status,
            List<Why> why, List<Edit> addressedBy, Triage triage, Correction correction, String learnedFrom) {

        static Item of(FeedbackItemView item, Map<String, Instant> lastAttemptAt, ThemeRules rules) {
            return new Item(item.getFeedbackId(), item.getText(), new Source(item.getSourceName(), item.getSourceRole()),
                    item.getOccurredAt().toString(), item.getStoryId(), item.getAttemptId(), item.getRubric(),
                    item.getSection(), item.getScore(), item.getThemes(), ThemesReport.status(item, lastAttemptAt, rules),
                    item.getWhy().stream().map(why -> new Why(why.getTheme(), why.getClause(), why.getPattern())).toList(),
                    item.getAddressedBy().stream().map(edit -> new Edit(edit.getStoryId(), edit.getVersion(),
                            edit.getOccurredAt().toString())).toList(),
                    item.getTriage() == null ? null : new Triage(item.getTriage().getDecision(),
                            item.getTriage().getOccurredAt().toString()),
                    item.getCorrection() == null ? null : new Correction(item.getCorrection().getBy(),
                            item.getCorrection().getOccurredAt().toString(), item.getCorrection().getNote()),
                    item.getLearnedFrom());
        }
    }

    public record Source(String name, String role) {
    }

    /** The clause of the text and the theme's pattern that gave the item one of its themes. */
    public record Why(String theme, String clause, String pattern) {
    }

    public record Edit(String storyId, int version, String occurredAt) {
    }

    public record Triage(String decision, String occurredAt) {
    }

    /** Who said which themes the item carries, when and why: its themes are theirs, not the classifier's. */
    public record Correction(String by, String occurredAt, String note) {
    }
}
