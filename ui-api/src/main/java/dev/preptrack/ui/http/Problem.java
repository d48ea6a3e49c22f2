package dev.preptrack.ui.http;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** RFC 9457 problem documents, the body of every error the API answers. */
public final class Problem {

    public static final String CONTENT_TYPE = "application/problem+json";

    private Problem() {
    }

    public static void send(Context ctx, int status, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        ctx.status(status).json(body).contentType(CONTENT_TYPE);
    }
}
