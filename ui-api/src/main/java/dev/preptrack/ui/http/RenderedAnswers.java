package dev.preptrack.ui.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;

/**
 * The JSON of the read use cases' answers, written once per answer. The use cases hand the same
 * answer object to every reader of the same question, history and second ({@code Answers} in the
 * projections), so keying by that object's identity (weak keys: an answer the use cases have
 * let go of takes its JSON with it) serialises a readiness answer once, not once per request.
 */
final class RenderedAnswers {

    private final Cache<Object, byte[]> json = Caffeine.newBuilder().weakKeys().maximumSize(512).build();

    void send(Context ctx, Object answer) {
        byte[] body = json.get(answer, it -> ctx.jsonMapper().toJsonString(it, it.getClass())
                .getBytes(StandardCharsets.UTF_8));
        ctx.contentType(ContentType.APPLICATION_JSON).result(body);
    }
}
