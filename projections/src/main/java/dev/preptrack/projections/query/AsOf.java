package dev.preptrack.projections.query;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * What a reader means by "as of": now when absent; an instant as it is (one in the future is
 * allowed: it shows what time without practice will do); a date, the end of that day (UTC) —
 * except today, which means now, so that "as of today" does not age what was just practised.
 */
public final class AsOf {

    static final String FIELD = "asOf";

    private AsOf() {
    }

    /**
     * An evaluation instant and whether the reader meant "now" (nothing, or today's date) rather
     * than a time of their choosing.
     */
    public record When(Instant at, boolean now) {
    }

    /** @throws InvalidQueryException naming {@value #FIELD} for text that is neither a date nor an instant */
    public static Instant resolve(String text, Clock clock) {
        return when(text, clock).at();
    }

    /** @throws InvalidQueryException naming {@value #FIELD} for text that is neither a date nor an instant */
    public static When when(String text, Clock clock) {
        return when(text, clock, FIELD);
    }

    /** As {@link #when(String, Clock)}, naming {@code field} when the text is neither a date nor an instant. */
    public static When when(String text, Clock clock, String field) {
        Instant now = clock.instant();
        if (text == null || text.isBlank()) {
            return new When(now, true);
        }
        try {
            return new When(Instant.parse(text.trim()), false);
        } catch (DateTimeParseException notAnInstant) {
            try {
                LocalDate day = LocalDate.parse(text.trim());
                return day.equals(LocalDate.ofInstant(now, ZoneOffset.UTC)) ? new When(now, true)
                        : new When(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1), false);
            } catch (DateTimeParseException notADate) {
                throw new InvalidQueryException(field, "must be a date (2026-11-20) or an instant "
                        + "(2026-11-20T18:00:00Z), not '" + text + "'");
            }
        }
    }
}
