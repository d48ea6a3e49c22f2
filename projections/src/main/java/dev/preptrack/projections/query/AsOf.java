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

    /** @throws InvalidQueryException naming {@value #FIELD} for text that is neither a date nor an instant */
    public static Instant resolve(String text, Clock clock) {
        Instant now = clock.instant();
        if (text == null || text.isBlank()) {
            return now;
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException notAnInstant) {
            try {
                LocalDate day = LocalDate.parse(text.trim());
                return day.equals(LocalDate.ofInstant(now, ZoneOffset.UTC)) ? now
                        : day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1);
            } catch (DateTimeParseException notADate) {
                throw new InvalidQueryException(FIELD, "must be a date (2026-11-20) or an instant "
                        + "(2026-11-20T18:00:00Z), not '" + text + "'");
            }
        }
    }
}
