package dev.preptrack.ui.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import picocli.CommandLine.Option;

/**
 * How the CLI talks to a running preptrack: its URL, token and candidate, shared by every
 * command as a picocli mixin. Writes carry an idempotency key, so a write that met a 503 is
 * retried with the same key and can never be applied twice.
 */
public final class ApiCall {

    /** The exit codes every command's help ends with. */
    static final String EXIT_CODES = "Exit codes: 0 done, 1 could not run (e.g. no token), 2 bad usage, "
            + "3 refused by preptrack (the message says why), 4 preptrack unreachable.";

    /** Exit codes a script can rely on. */
    public static final int OK = 0;
    public static final int REFUSED = 3;
    public static final int UNAVAILABLE = 4;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ATTEMPTS = 3;

    @Option(names = "--url", paramLabel = "URL",
            description = "preptrack's address (PREPTRACK_URL; default http://127.0.0.1:$PREPTRACK_PORT, port 7070).")
    String url;

    @Option(names = "--candidate", paramLabel = "ID",
            description = "Whose history (PREPTRACK_CANDIDATE; default 'me').")
    String candidate;

    @Option(names = "--json", description = "Print the server's JSON answer instead of a summary.")
    boolean json;

    /**
     * Built on first use: every subcommand carries this mixin, and building a client (its TLS
     * set-up) for each of them cost every command, even {@code up}, about half a second.
     */
    private static final class Http {
        static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    }

    String base() {
        String value = url != null ? url : System.getenv("PREPTRACK_URL");
        if (value == null || value.isBlank()) {
            // The same port setting as `preptrack up`, so one PREPTRACK_PORT serves both.
            value = "http://127.0.0.1:" + System.getenv().getOrDefault("PREPTRACK_PORT", "7070");
        }
        value = value.trim();
        if (!value.startsWith("http://") && !value.startsWith("https://")) {
            throw new UsageError("--url must start with http:// or https:// (is '" + value + "')");
        }
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    String candidatePath(String rest) {
        String id = candidate != null ? candidate : System.getenv().getOrDefault("PREPTRACK_CANDIDATE", "me");
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")) {
            throw new UsageError("--candidate must be 1 to 64 letters, digits, '.', '_', ':' or '-' (is '" + id + "')");
        }
        return "/api/v1/candidates/" + id + rest;
    }

    /** A setting that makes the request impossible to send; reported like a bad option (exit 2). */
    public static final class UsageError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UsageError(String message) {
            super(message);
        }
    }

    /** Sends a request, retrying a write that met 503 or no answer with the same idempotency key. */
    Answer send(String method, String path, JsonNode body, String ifMatch) {
        String key = UUID.randomUUID().toString();
        return retrying(() -> {
            var request = HttpRequest.newBuilder(URI.create(base() + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token())
                    .header("Idempotency-Key", key)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body.toString()));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (ifMatch != null) {
                request.header("If-Match", "\"" + ifMatch + "\"");
            }
            return request.build();
        });
    }

    /**
     * Sends a body that is not JSON (notes to import), retrying on 503 or no answer: the routes that
     * take one are idempotent by their content, so a retry never doubles anything.
     */
    Answer sendText(String path, String contentType, String body) {
        return retrying(() -> HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + token()).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** As {@link #sendText}, under one idempotency key for every try: for a route whose retry must not act twice. */
    Answer sendTextOnce(String path, String contentType, String body) {
        String key = UUID.randomUUID().toString();
        return retrying(() -> HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + token()).header("Content-Type", contentType)
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /**
     * Sends a file as the body, read as it goes (an export may be larger than is worth holding),
     * telling {@code sent} how many bytes are on their way; retried like {@link #sendText}.
     */
    Answer sendFile(String path, String contentType, Path file, java.util.function.LongConsumer sent) {
        return retrying(() -> HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofMinutes(30))
                .header("Authorization", "Bearer " + token()).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> {
                    try {
                        return new Counting(Files.newInputStream(file), sent);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read " + file, e);
                    }
                })).build());
    }

    /** Counts what is read through it. */
    private static final class Counting extends java.io.FilterInputStream {
        private final java.util.function.LongConsumer sent;
        private long count;

        Counting(java.io.InputStream in, java.util.function.LongConsumer sent) {
            super(in);
            this.sent = sent;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                sent.accept(++count);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
                sent.accept(count);
            }
            return n;
        }
    }

    /** Up to {@value #ATTEMPTS} tries of the same request while it meets 503 or no answer. */
    private Answer retrying(java.util.function.Supplier<HttpRequest> request) {
        Answer last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<String> response = Http.CLIENT.send(request.get(), HttpResponse.BodyHandlers.ofString());
                last = new Answer(response.statusCode(), parse(response.body()));
                if (response.statusCode() != 503) {
                    return last;
                }
            } catch (ConnectException e) {
                return unreachable();
            } catch (IOException e) {
                last = new Answer(-1, JSON.createObjectNode().put("detail", "no answer from " + base() + ": " + e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Answer(-1, JSON.createObjectNode().put("detail", "interrupted"));
            }
            pause(attempt);
        }
        return last;
    }

    /** A body that is not JSON (an export), or the failure as an {@link Answer} for {@link #report}. */
    record Download(byte[] body, Answer failure) {
    }

    Download download(String path) {
        var request = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + token()).GET().build();
        try {
            HttpResponse<byte[]> response = Http.CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return response.statusCode() == 200 ? new Download(response.body(), null)
                    : new Download(null, new Answer(response.statusCode(),
                            parse(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8))));
        } catch (ConnectException e) {
            return new Download(null, unreachable());
        } catch (IOException e) {
            return new Download(null, new Answer(-1, JSON.createObjectNode().put("detail", "no answer from " + base()
                    + ": " + e)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Download(null, new Answer(-1, JSON.createObjectNode().put("detail", "interrupted")));
        }
    }

    private Answer unreachable() {
        return new Answer(-1, JSON.createObjectNode().put("detail", "nothing answers at " + base()
                + "; is `preptrack up` running? (set --url or PREPTRACK_URL)"));
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(500L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String token() {
        String token = System.getenv("PREPTRACK_TOKEN");
        if (token != null && !token.isBlank()) {
            return token.trim();
        }
        Path home = Path.of(System.getenv().getOrDefault("PREPTRACK_HOME", System.getProperty("user.home") + "/.preptrack"));
        try {
            return Files.readString(home.resolve("token")).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("no API token: set PREPTRACK_TOKEN or PREPTRACK_HOME (looked in "
                    + home.resolve("token") + ")", e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode().put("detail", body);
        }
    }

    /**
     * Prints the answer for a person (or as JSON) and returns the exit code: 0 for a 2xx, 3 when
     * the server refused the request (4xx), 4 when it could not be reached or was unavailable.
     */
    int report(Answer answer, java.io.PrintWriter out, java.io.PrintWriter err, java.util.function.Function<JsonNode, String> summary) {
        if (answer.status() / 100 == 2) {
            out.println(json ? answer.body().toPrettyString() : summary.apply(answer.body()));
            out.flush();
            return OK;
        }
        if (json) {
            err.println(answer.body().toPrettyString());
        } else {
            err.println("preptrack: " + (answer.status() > 0 ? answer.status() + " from " + base() + ": " : "")
                    + answer.body().path("detail").asText("request failed")
                    + (answer.body().has("line") ? " (line " + answer.body().path("line").asText() + ")" : ""));
            // One error is usually the detail already; several, or one the detail does not name, are listed.
            JsonNode errors = answer.body().path("errors");
            if (errors.size() > 1 || errors.size() == 1
                    && !answer.body().path("detail").asText().contains(errors.get(0).path("field").asText())) {
                for (JsonNode error : answer.body().path("errors")) {
                    err.println("  " + error.path("field").asText() + ": " + error.path("message").asText());
                }
            }
        }
        err.flush();
        return answer.status() >= 400 && answer.status() < 500 ? REFUSED : UNAVAILABLE;
    }

    /** A status (-1 when nothing answered) and the JSON body. */
    record Answer(int status, JsonNode body) {
    }

    static ObjectMapper json() {
        return JSON;
    }
}
