package dev.preptrack.tracker.domain;

/** A command id's first answer, kept so that a retry gets it again and a reuse is recognised. */
public record AnsweredCommand(String fingerprint, CommandResult firstResult) {
}
