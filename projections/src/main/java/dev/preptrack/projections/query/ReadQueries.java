package dev.preptrack.projections.query;

import dev.preptrack.rules.Rules;
import java.time.Clock;

/**
 * The read side's application layer: every read use case an adapter (HTTP, the CLI, import, a
 * dashboard) may call, over the ports they need, under one rules version. Adapters parse their
 * input, call one of these and render the result record; the rules of what a read means live here.
 *
 * @param owners which instance holds a candidate's read models, for adapters that forward queries
 * @param events the log as written, for exports
 */
public record ReadQueries(Rules rules, StoryQuery stories, ReadinessQuery readiness, FeedbackQuery feedback,
        EventLog events, CandidateOwners owners) {

    public static ReadQueries over(ReadModels models, CandidateOwners owners, EventLog events, Rules rules,
            Clock clock) {
        return new ReadQueries(rules, new StoryQuery(models, rules), new ReadinessQuery(models, rules, clock),
                new FeedbackQuery(models, rules, clock), events, owners);
    }
}
