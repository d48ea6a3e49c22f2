package dev.preptrack.ui.http;

import io.javalin.http.Context;
import io.javalin.http.Header;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What keeps a web page in the person's browser from using preptrack behind their back, on every
 * route (the API, the dashboard, the embedded registry):
 * <ul>
 * <li>a request whose {@code Host} is not the address preptrack is bound to, {@code localhost} or a
 * loopback address is refused with 403 — a page on another site that re-points its own name at
 * 127.0.0.1 (DNS rebinding) sends its own name as the Host, so it never reaches a route;</li>
 * <li>every answer carries a Content-Security-Policy that lets the dashboard load and connect only to
 * its own origin, and may not be framed; no CORS header is ever sent, so other origins cannot read
 * an answer.</li>
 * </ul>
 * The token is never in a cookie, so a request a foreign page makes carries no credential anyway.
 */
final class BrowserGuard {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private final Set<String> allowedHosts;

    BrowserGuard(String boundHost) {
        this.allowedHosts = new TreeSet<>(List.of(normalise(boundHost), "localhost", "127.0.0.1", "[::1]"));
    }

    void check(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        String host = ctx.header(Header.HOST);
        if (host == null || !allowedHosts.contains(normalise(withoutPort(host)))) {
            Problem.send(ctx, 403, "Forbidden", "this preptrack answers only requests addressed to "
                    + String.join(", ", allowedHosts) + " (the Host header was '"
                    + (host == null ? "" : host) + "')");
            ctx.skipRemainingHandlers();
        }
    }

    private static String withoutPort(String host) {
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close < 0 ? host : host.substring(0, close + 1);
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    private static String normalise(String host) {
        String lower = host.trim().toLowerCase(Locale.ROOT);
        // A bare IPv6 literal as bound ("::1") is written in brackets in a Host header.
        return lower.contains(":") && !lower.startsWith("[") ? "[" + lower + "]" : lower;
    }
}
