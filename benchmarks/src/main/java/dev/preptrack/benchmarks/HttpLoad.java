package dev.preptrack.benchmarks;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * A closed-loop HTTP/1.1 load generator in the manner of {@code wrk}: a fixed number of
 * keep-alive connections, each sending its next request as soon as the previous answer is
 * read, for a fixed time. Plain sockets rather than {@code java.net.http.HttpClient}, whose own
 * per-request overhead would be measured as the server's. Answers must carry a
 * {@code Content-Length} (Javalin's do); any status other than the expected one counts as an
 * error and is reported, so a benchmark of refusals cannot pass for one of answers.
 */
final class HttpLoad {

    /** One request: method, path with query, headers (without Host/Content-Length), body or null. */
    record Request(String method, String path, List<String> headers, byte[] body) {
        static Request get(String path, String... headers) {
            return new Request("GET", path, List.of(headers), null);
        }
    }

    /** What a run measured: answers per second, latency percentiles (ms), errors, bytes per answer. */
    record Result(double perSecond, double p50, double p99, double max, long answers, long errors, long bytes,
            String firstError) {
        String summary() {
            return String.format("%,.0f req/s, p50 %.2f ms, p99 %.2f ms (%d answers, %d errors, %,d bytes each)",
                    perSecond, p50, p99, answers, errors, answers == 0 ? 0 : bytes / answers);
        }
    }

    private HttpLoad() {
    }

    /**
     * Runs {@code connections} connections for {@code warmUp} (not measured), then for {@code run}.
     * {@code requests} gives connection {@code c}'s next request from a counter shared by all.
     */
    static Result run(int port, int connections, Duration warmUp, Duration run, int expectedStatus,
            IntFunction<Request> requests) throws InterruptedException {
        measure(port, connections, warmUp, expectedStatus, requests);
        return measure(port, connections, run, expectedStatus, requests);
    }

    private static Result measure(int port, int connections, Duration run, int expectedStatus,
            IntFunction<Request> requests) throws InterruptedException {
        var counter = new AtomicLong();
        var errors = new AtomicLong();
        var bytes = new AtomicLong();
        var firstError = new java.util.concurrent.atomic.AtomicReference<String>();
        List<Recorded> latencies = new ArrayList<>();
        var done = new CountDownLatch(connections);
        long end = System.nanoTime() + run.toNanos();
        long started = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            var mine = new Recorded();
            latencies.add(mine);
            Thread thread = new Thread(() -> {
                try (Socket socket = new Socket("127.0.0.1", port)) {
                    socket.setTcpNoDelay(true);
                    OutputStream out = socket.getOutputStream();
                    InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
                    while (System.nanoTime() < end) {
                        Request request = requests.apply((int) counter.getAndIncrement());
                        long t0 = System.nanoTime();
                        out.write(encode(request, port));
                        out.flush();
                        int[] statusAndLength = readAnswer(in);
                        long t1 = System.nanoTime();
                        if (statusAndLength[0] != expectedStatus) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, request.method() + " " + request.path() + " -> "
                                    + statusAndLength[0]);
                        }
                        bytes.addAndGet(statusAndLength[1]);
                        mine.add(t1 - t0);
                    }
                } catch (IOException e) {
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, e.toString());
                } finally {
                    done.countDown();
                }
            }, "load-" + c);
            thread.setDaemon(true);
            thread.start();
        }
        done.await();
        double seconds = (System.nanoTime() - started) / 1e9;
        int total = latencies.stream().mapToInt(Recorded::count).sum();
        long[] all = new long[total];
        int at = 0;
        for (Recorded mine : latencies) {
            System.arraycopy(mine.values, 0, all, at, mine.count);
            at += mine.count;
        }
        Arrays.sort(all);
        return new Result(total / seconds, percentile(all, 0.50), percentile(all, 0.99),
                all.length == 0 ? 0 : all[all.length - 1] / 1e6, total, errors.get(), bytes.get(), firstError.get());
    }

    /** One connection's latencies (ns); read only after its thread has ended. */
    private static final class Recorded {
        private long[] values = new long[4096];
        private int count;

        void add(long nanos) {
            if (count == values.length) {
                values = Arrays.copyOf(values, count * 2);
            }
            values[count++] = nanos;
        }

        int count() {
            return count;
        }
    }

    private static double percentile(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))] / 1e6;
    }

    private static byte[] encode(Request request, int port) {
        var head = new StringBuilder(256).append(request.method()).append(' ').append(request.path())
                .append(" HTTP/1.1\r\nHost: 127.0.0.1:").append(port).append("\r\n");
        request.headers().forEach(header -> head.append(header).append("\r\n"));
        if (request.body() != null) {
            head.append("Content-Length: ").append(request.body().length).append("\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (request.body() == null) {
            return headBytes;
        }
        byte[] all = Arrays.copyOf(headBytes, headBytes.length + request.body().length);
        System.arraycopy(request.body(), 0, all, headBytes.length, request.body().length);
        return all;
    }

    /** Reads one answer; returns its status and body length. */
    private static int[] readAnswer(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("the server closed the connection");
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        int length = -1;
        boolean chunked = false;
        for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(header.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            int total = 0;
            for (int size = Integer.parseInt(line(in).trim(), 16); size > 0;
                    size = Integer.parseInt(line(in).trim(), 16)) {
                in.skipNBytes(size);
                line(in);
                total += size;
            }
            line(in);
            return new int[] {status, total};
        }
        if (length < 0) {
            throw new IOException("an answer without Content-Length: " + statusLine);
        }
        in.skipNBytes(length);
        return new int[] {status, length};
    }

    private static String line(InputStream in) throws IOException {
        var line = new StringBuilder(64);
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') {
                int last = line.length() - 1;
                return last >= 0 && line.charAt(last) == '\r' ? line.substring(0, last) : line.toString();
            }
            line.append((char) b);
        }
        return line.length() == 0 ? null : line.toString();
    }
}
