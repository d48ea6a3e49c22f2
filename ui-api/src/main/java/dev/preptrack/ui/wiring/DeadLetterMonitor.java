package dev.preptrack.ui.wiring;

import dev.preptrack.projections.topology.DeadLetters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the records this process's Streams apps set aside as poison: a counter per topic and
 * reason ({@value #METER}, {@code preptrack_dead_letters_total} in Prometheus text) and, for
 * {@code /health}, how many there were and the last one. Counts since this process started;
 * the dead-letter topic itself keeps every one. A record redelivered after a crash before its
 * offset was committed is set aside, and counted, again.
 */
public final class DeadLetterMonitor implements DeadLetters.Listener {

    public static final String METER = "preptrack.dead.letters";
    /** Long enough to name the problem, short enough for a health document. */
    private static final int MESSAGE_LIMIT = 300;

    private final MeterRegistry meters;
    private final Clock clock;
    private final AtomicLong count = new AtomicLong();
    private volatile Map<String, Object> last;

    /** Registers the counters of {@code topics} at zero, so a scrape shows them before any poison. */
    public DeadLetterMonitor(MeterRegistry meters, Clock clock, String... topics) {
        this.meters = meters;
        this.clock = clock;
        for (String topic : topics) {
            for (DeadLetters.Reason reason : DeadLetters.Reason.values()) {
                counter(topic, reason);
            }
        }
    }

    @Override
    public void deadLettered(DeadLetters.DeadLetter letter) {
        counter(letter.topic(), letter.reason()).increment();
        count.incrementAndGet();
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("at", Instant.now(clock).toString());
        described.put("reason", letter.reason().label());
        described.put("topic", letter.topic());
        described.put("partition", letter.partition());
        described.put("offset", letter.offset());
        described.put("exception", letter.exception());
        described.put("message", shortened(letter.message()));
        last = described;
    }

    /** Records set aside since start. */
    public long count() {
        return count.get();
    }

    /** What {@code /health} says: the count and the last record set aside (absent before the first). */
    public Map<String, Object> report() {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("count", count.get());
        Map<String, Object> latest = last;
        if (latest != null) {
            report.put("last", latest);
        }
        return report;
    }

    private Counter counter(String topic, DeadLetters.Reason reason) {
        return Counter.builder(METER)
                .description("records set aside on the dead-letter topic as poison, since this process started")
                .tag("topic", topic == null ? "unknown" : topic)
                .tag("reason", reason.label())
                .register(meters);
    }

    private static String shortened(String message) {
        if (message == null) {
            return null;
        }
        return message.length() <= MESSAGE_LIMIT ? message : message.substring(0, MESSAGE_LIMIT) + "…";
    }
}
