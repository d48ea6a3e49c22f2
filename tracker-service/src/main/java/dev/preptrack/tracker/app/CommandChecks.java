package dev.preptrack.tracker.app;

import dev.preptrack.domain.event.PracticeAttemptLogged.SectionPractice;
import dev.preptrack.tracker.domain.CandidateCommand;
import dev.preptrack.tracker.domain.CandidateCommand.EditStory;
import dev.preptrack.tracker.domain.CandidateCommand.LogAttempt;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What no history can make valid and that every way in must refuse the same way, whatever its
 * format: a time before preptrack could exist or too far ahead, an edit that changes nothing,
 * a section practised twice in one attempt. (Shapes, types, ranges and sizes of a request are
 * the adapter's, which knows its format — a JSON Schema for HTTP.)
 */
public final class CommandChecks {

    /** Before this, preptrack could not have existed: an occurredAt this early is a mistake. */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /** Clocks drift and time zones confuse; more than a day ahead is a mistake. */
    public static final Duration FUTURE_TOLERANCE = Duration.ofDays(1);

    private CommandChecks() {
    }

    /** Every problem of the command, each naming its field; empty when there is none. */
    static List<FieldError> problems(CandidateCommand intent, Instant requestedOccurredAt, Instant now) {
        List<FieldError> problems = new ArrayList<>();
        if (requestedOccurredAt != null) {
            if (requestedOccurredAt.isBefore(EARLIEST)) {
                problems.add(new FieldError("occurredAt", "must not be before " + EARLIEST + " (is "
                        + requestedOccurredAt + ")"));
            } else if (requestedOccurredAt.isAfter(now.plus(FUTURE_TOLERANCE))) {
                problems.add(new FieldError("occurredAt", "must not be in the future (is " + requestedOccurredAt + ")"));
            }
        }
        if (intent instanceof EditStory edit && edit.changedSections().isEmpty() && edit.addressesFeedback().isEmpty()
                && edit.note() == null) {
            problems.add(new FieldError("sections", "an edit must change a section, address feedback, or carry a note"));
        }
        if (intent instanceof LogAttempt attempt) {
            Set<String> seen = new HashSet<>();
            List<SectionPractice> sections = attempt.sections();
            for (int i = 0; i < sections.size(); i++) {
                if (!seen.add(sections.get(i).section())) {
                    problems.add(new FieldError("sections[" + i + "].section", "'" + sections.get(i).section()
                            + "' is listed twice"));
                }
            }
            if (sections.isEmpty()) {
                problems.add(new FieldError("sections", "must name at least one section"));
            }
        }
        return problems;
    }
}
