package dev.preptrack.ui.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.Header;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * With several instances sharing one Kafka cluster, each holds the projections of the
 * candidates whose partitions it owns. A read for a candidate owned elsewhere is sent to the
 * owner (same path, query and token) and its answer passed back unchanged, so any instance
 * answers any read. A forwarded request is never forwarded again: where the instance it lands
 * on no longer owns the candidate (a rebalance), the answer is 503 with Retry-After rather than
 * a wrong empty one. Instances of one cohort share the API token, which forwarding passes on.
 */
final class OwnerForwarding {

    static final String FORWARDED_HEADER = "X-Preptrack-Forwarded";
    /** On an answer that came from another instance: which one (for people debugging a cohort). */
    static final String ANSWERED_BY_HEADER = "X-Preptrack-Answered-By";

    private final Backends backends;
    private final Duration readDeadline;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    OwnerForwarding(Backends backends, Duration readDeadline) {
        this.backends = backends;
        this.readDeadline = readDeadline;
    }

    Handler served(Handler local) {
        return ctx -> {
            Optional<String> owner = backends.reads().owners().ownerElsewhere(WriteRoutes.candidateId(ctx));
            if (owner.isEmpty()) {
                local.handle(ctx);
            } else if (ctx.header(FORWARDED_HEADER) == null) {
                forward(ctx, owner.get());
            } else {
                // Sent here by an instance whose view of ownership is already stale: answering from
                // a store that does not hold the candidate would be wrong, forwarding again could loop.
                ctx.header(Header.RETRY_AFTER, "1");
                Problem.send(ctx, 503, "Service Unavailable", "this instance no longer holds that candidate's "
                        + "projections (partitions are moving between instances); retry");
            }
        };
    }

    private void forward(Context ctx, String owner) throws InterruptedException {
        String query = ctx.queryString();
        var request = HttpRequest.newBuilder(URI.create("http://" + owner + ctx.path() + (query == null ? "" : "?" + query)))
                .header(Header.AUTHORIZATION, Optional.ofNullable(ctx.header(Header.AUTHORIZATION)).orElse(""))
                .header(FORWARDED_HEADER, "1")
                .timeout(readDeadline.plusSeconds(5))
                .GET().build();
        try {
            HttpResponse<byte[]> answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            ctx.status(answer.statusCode());
            ctx.header(ANSWERED_BY_HEADER, owner);
            answer.headers().firstValue(Header.CONTENT_TYPE).ifPresent(ctx::contentType);
            answer.headers().firstValue(Header.RETRY_AFTER).ifPresent(value -> ctx.header(Header.RETRY_AFTER, value));
            ctx.result(answer.body());
        } catch (IOException e) {
            ctx.header(Header.RETRY_AFTER, "1");
            Problem.send(ctx, 503, "Service Unavailable", "the instance holding this candidate's projections (" + owner
                    + ") did not answer: " + e.getMessage());
        }
    }
}
