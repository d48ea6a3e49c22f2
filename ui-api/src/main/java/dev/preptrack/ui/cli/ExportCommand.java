package dev.preptrack.ui.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code preptrack export}: the whole history as newline-delimited JSON. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export your whole history as newline-delimited JSON, one event per line (Avro's JSON encoding).",
            "",
            "  preptrack export --out my-prep.ndjson"},
        footer = {"", "Exit codes: 0 done, 1 could not run, 2 bad usage, 3 refused by preptrack, 4 preptrack unreachable."})
public final class ExportCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin ApiCall api;
    @Option(names = "--out", paramLabel = "FILE", description = "Where to write (default: standard output).") Path out;

    @Override
    public Integer call() {
        var request = HttpRequest.newBuilder(URI.create(api.base() + api.candidatePath("/events")))
                .timeout(Duration.ofMinutes(5)).header("Authorization", "Bearer " + ApiCall.token()).GET().build();
        try {
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                spec.commandLine().getErr().println("preptrack: " + response.statusCode() + " from " + api.base() + ": "
                        + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
                return response.statusCode() < 500 ? ApiCall.REFUSED : ApiCall.UNAVAILABLE;
            }
            if (out == null) {
                System.out.write(response.body());
                System.out.flush();
            } else {
                Files.write(out, response.body());
                long lines = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8).lines().count();
                spec.commandLine().getOut().println("exported " + lines + " events to " + out);
            }
            return ApiCall.OK;
        } catch (java.net.ConnectException e) {
            spec.commandLine().getErr().println("preptrack: nothing answers at " + api.base()
                    + "; is `preptrack up` running? (set --url or PREPTRACK_URL)");
            return ApiCall.UNAVAILABLE;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ApiCall.UNAVAILABLE;
        }
    }
}
