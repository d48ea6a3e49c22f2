package dev.preptrack.projections.query;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The read use cases' answers, each computed once and then shared by every reader who asks the
 * same question of the same history at the same time. A key names the question (use case,
 * candidate, parameters), the positions of the read models it was computed from, and when it
 * was evaluated: an explicit instant as it is, and "now" as the current second, so a dashboard
 * and a hundred readers polling in the same second share one evaluation made within that second
 * (readiness and themes change with time only through decay over days). A new event moves a
 * position, so the next read computes afresh: an answer is never staler than the models it is
 * read from, and {@code after} keeps its meaning.
 *
 * <p>Bounded by count, not age: the few hundred most recent answers (a cohort's dashboards),
 * each a few tens of KB.
 */
final class Answers {

    static final int MAXIMUM = 256;

    /**
     * @param positions the sequences of the read models the answer was computed from
     * @param at the evaluation instant, or for "now" the second it falls in
     */
    record Key(String useCase, String candidateId, List<Object> parameters, List<Long> positions, Object at) {
    }

    private final Cache<Key, Object> answers = Caffeine.newBuilder().maximumSize(MAXIMUM)
            .expireAfterAccess(Duration.ofMinutes(10)).build();

    /** When an answer is evaluated: {@code instant} itself, or its second when the reader meant "now". */
    static Object when(Instant instant, boolean now) {
        return now ? (Object) instant.getEpochSecond() : instant;
    }

    @SuppressWarnings("unchecked")
    <T> T get(Key key, Supplier<T> compute) {
        return (T) answers.get(key, ignored -> compute.get());
    }
}
