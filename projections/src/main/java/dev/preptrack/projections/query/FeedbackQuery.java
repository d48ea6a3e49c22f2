package dev.preptrack.projections.query;

import dev.preptrack.projections.CandidateFeedback;
import dev.preptrack.projections.FeedbackItemView;
import dev.preptrack.projections.themes.ThemesReport;
import dev.preptrack.rules.Rules;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The feedback use cases: the candidate's feedback items (oldest first, each with the status the
 * rules give it and the evidence for its themes that the fold kept, so no text is classified
 * again), and their feedback themes evaluated now.
 */
public final class FeedbackQuery {

    private final ReadModels models;
    private final Rules rules;
    private final Clock clock;
    private final Answers answers = new Answers();

    public FeedbackQuery(ReadModels models, Rules rules, Clock clock) {
        this.models = models;
        this.rules = rules;
        this.clock = clock;
    }

    public FeedbackList feedback(String candidateId, long after) {
        CandidateFeedback feedback = models.feedback(candidateId, after).orElse(null);
        if (feedback == null) {
            return new FeedbackList(List.of(), "0");
        }
        return answers.get(new Answers.Key("feedback", candidateId, List.of(), List.of(feedback.getSequence()), 0L),
                () -> list(feedback));
    }

    private FeedbackList list(CandidateFeedback feedback) {
        return new FeedbackList(feedback.getItems().values().stream()
                .sorted(Comparator.comparing(FeedbackItemView::getOccurredAt).thenComparing(FeedbackItemView::getFeedbackId))
                .map(item -> FeedbackList.Item.of(item, feedback.getLastAttemptAt(), rules.themes())).toList(),
                String.valueOf(feedback.getSequence()));
    }

    public ThemesResult themes(String candidateId, long after) {
        CandidateFeedback feedback = models.feedback(candidateId, after).orElse(null);
        Instant now = clock.instant();
        var key = new Answers.Key("themes", candidateId, List.of(),
                List.of(feedback == null ? 0L : feedback.getSequence()), Answers.when(now, true));
        return answers.get(key, () -> ThemesResult.of(rules.version(), ThemesReport.of(feedback, rules.themes(), now)));
    }
}
