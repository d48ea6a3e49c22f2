package dev.preptrack.projections.query;

import dev.preptrack.domain.event.Event;
import dev.preptrack.events.Envelope;
import dev.preptrack.projections.CandidateFeedback;
import dev.preptrack.projections.CandidateStories;
import dev.preptrack.projections.feedback.FeedbackLogFold;
import dev.preptrack.projections.readiness.CandidateEvidence;
import dev.preptrack.projections.readiness.ReadinessFold;
import dev.preptrack.projections.stories.StoryBankFold;
import dev.preptrack.projections.themes.ThemeClassifier;
import dev.preptrack.rules.Rules;
import dev.preptrack.schemas.codec.EventCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read models as a map of each candidate's events (given as logged, decoded once as the
 * topology does), folded on demand with the projections' own folds: the "direct full fold" other
 * modules' tests compare Kafka's answers with.
 */
public final class InMemoryReadModels implements ReadModels {

    private final Map<String, List<Event>> logs = new HashMap<>();
    private final Rules rules;
    private final FeedbackLogFold feedbackFold;

    public InMemoryReadModels(Rules rules) {
        this.rules = rules;
        this.feedbackFold = FeedbackLogFold.forRules(rules.themes());
    }

    public InMemoryReadModels given(List<Envelope> events) {
        events.stream().map(EventCodec::decode)
                .forEach(event -> logs.computeIfAbsent(event.candidateId(), c -> new ArrayList<>()).add(event));
        return this;
    }

    @Override
    public Optional<CandidateStories> stories(String candidateId, long after) {
        CandidateStories stories = null;
        for (Event event : reached(candidateId, after)) {
            stories = StoryBankFold.apply(stories, event);
        }
        return Optional.ofNullable(stories);
    }

    @Override
    public Optional<CandidateFeedback> feedback(String candidateId, long after) {
        CandidateFeedback feedback = null;
        for (Event event : reached(candidateId, after)) {
            feedback = feedbackFold.apply(feedback, event);
        }
        return Optional.ofNullable(feedback);
    }

    @Override
    public CandidateEvidence readiness(String candidateId, long after) {
        CandidateEvidence evidence = CandidateEvidence.NONE;
        for (Event event : reached(candidateId, after)) {
            evidence = ReadinessFold.apply(evidence, event, rules);
        }
        return evidence;
    }

    @Override
    public List<Event> readinessEventsUpTo(String candidateId, Instant until) {
        return logs.getOrDefault(candidateId, List.of()).stream()
                .filter(event -> ReadinessFold.concerns(event) && !event.occurredAt().isAfter(until))
                .sorted(Comparator.comparing(Event::occurredAt).thenComparingLong(Event::sequence)).toList();
    }

    private List<Event> reached(String candidateId, long after) {
        List<Event> log = logs.getOrDefault(candidateId, List.of());
        long latest = log.stream().mapToLong(Event::sequence).max().orElse(0);
        if (latest < after) {
            throw new PositionNotReachedException(after, latest, Duration.ZERO);
        }
        return log;
    }
}
