package dev.preptrack.ui;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes one story after another for one candidate, each under its own idempotency key, from
 * a few threads, and keeps every answer: what a client saw, to compare with the log later.
 */
final class WriteLoad implements AutoCloseable {

    /** One write as the client saw it; {@code storyId} doubles as its idempotency key. */
    record Attempt(String storyId, int status, boolean retryAfter, long startedNanos, long tookMillis) {
        boolean acknowledged() {
            return status / 100 == 2;
        }
    }

    private final Api api;
    private final String candidate;
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> writers = new CopyOnWriteArrayList<>();

    WriteLoad(Api api, String candidate, int threads) {
        this.api = api;
        this.candidate = candidate;
        for (int t = 0; t < threads; t++) {
            String prefix = "load-" + t + "-";
            Thread writer = new Thread(() -> writeUntilStopped(prefix), "write-load-" + t);
            writer.setDaemon(true);
            writers.add(writer);
            writer.start();
        }
    }

    private void writeUntilStopped(String prefix) {
        for (int n = 0; running.get(); n++) {
            String storyId = prefix + n;
            long started = System.nanoTime();
            Api.Answer answer = write(api, candidate, storyId);
            attempts.add(new Attempt(storyId, answer.status(),
                    answer.response().headers().firstValue("Retry-After").isPresent(), started,
                    (System.nanoTime() - started) / 1_000_000));
            if (answer.status() == 503) {
                pause(200); // a client that honours Retry-After would wait longer; this one keeps the pressure on
            }
        }
    }

    static Api.Answer write(Api api, String candidate, String storyId) {
        return api.post("/api/v1/candidates/" + candidate + "/stories", WriteApiTest.aStory(storyId),
                "Idempotency-Key", storyId);
    }

    List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    long count(int status, long sinceNanos) {
        return attempts.stream().filter(a -> a.status() == status && a.startedNanos() >= sinceNanos).count();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread writer : writers) {
            writer.join(30_000);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
