package dev.preptrack.tracker.domain;

import dev.preptrack.rules.Rules;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One rule a command must keep, as a value named for the rule ("a story id is new"): given the
 * command and the candidate's situation, the rejection it earns, if any.
 */
@FunctionalInterface
interface Policy<C extends CandidateCommand> {

    Optional<Rejection> check(C command, Situation situation);

    /** What the rules can see: the candidate's history, the active rules, and when the command says it happened. */
    record Situation(CandidateLookup candidate, Rules rules, Instant occurredAt) {

        WriteModel model() {
            return candidate.model();
        }
    }

    /** The first rejection of {@code policies}, checked in order. */
    static <C extends CandidateCommand> Optional<Rejection> firstBroken(List<Policy<C>> policies, C command,
            Situation situation) {
        for (Policy<C> policy : policies) {
            Optional<Rejection> broken = policy.check(command, situation);
            if (broken.isPresent()) {
                return broken;
            }
        }
        return Optional.empty();
    }
}
