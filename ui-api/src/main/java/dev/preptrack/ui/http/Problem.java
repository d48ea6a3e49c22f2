package dev.preptrack.ui.http;

import dev.preptrack.tracker.app.FieldError;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 9457 problem documents, the body of every error the API answers. Validation problems
 * carry {@code errors}: one {@code {field, message}} per thing wrong.
 */
public final class Problem {

    public static final String CONTENT_TYPE = "application/problem+json";

    private Problem() {
    }

    public static void send(Context ctx, int status, String title, String detail) {
        send(ctx, status, title, detail, List.of(), Map.of());
    }

    public static void send(Context ctx, int status, String title, String detail, List<FieldError> errors,
            Map<String, Object> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (!errors.isEmpty()) {
            body.put("errors", errors.stream().map(error -> Map.of("field", error.field(), "message", error.message()))
                    .toList());
        }
        body.putAll(extensions);
        ctx.status(status).json(body).contentType(CONTENT_TYPE);
    }
}
