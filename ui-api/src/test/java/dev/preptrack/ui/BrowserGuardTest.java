package dev.preptrack.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a web page in the person's browser cannot do: reach any route under a name of its own
 * (DNS rebinding), load the dashboard into a frame, or read an answer from another origin. Raw
 * HTTP over a socket, because the JDK's client will not send a Host header of the caller's choosing.
 */
class BrowserGuardTest {

    @RegisterExtension
    static final InMemoryApp APP = new InMemoryApp();

    @ParameterizedTest
    @ValueSource(strings = {"/", "/app.js", "/health", "/openapi.json", "/api/v1/whoami", "/registry/subjects",
        "/api/v1/candidates/me/readiness"})
    void a_request_under_a_foreign_host_name_is_refused_on_every_route(String path) throws IOException {
        String answer = get(path, "rebound.example.com:" + port(), "Origin: http://rebound.example.com");

        assertThat(statusLine(answer)).isEqualTo("HTTP/1.1 403 Forbidden");
        assertThat(answer).contains("application/problem+json").contains("rebound.example.com")
                .doesNotContainIgnoringCase("Access-Control-Allow-Origin");
    }

    @Test
    void a_registry_write_under_a_foreign_host_name_is_refused_before_it_is_read() throws IOException {
        String body = "{\"compatibility\":\"NONE\"}";
        String answer = send("PUT /registry/config/preptrack.events-value HTTP/1.1\r\nHost: rebound.example.com:" + port()
                + "\r\nContent-Type: application/vnd.schemaregistry.v1+json\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body);

        assertThat(statusLine(answer)).isEqualTo("HTTP/1.1 403 Forbidden");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "localhost", "LOCALHOST", "[::1]"})
    void the_loopback_names_are_served(String host) throws IOException {
        String answer = get("/health", host + ":" + port());

        assertThat(statusLine(answer)).isEqualTo("HTTP/1.1 200 OK");
    }

    @Test
    void the_dashboard_may_load_and_connect_only_to_its_own_origin_and_never_inside_a_frame() throws IOException {
        String answer = get("/", "127.0.0.1:" + port());

        assertThat(statusLine(answer)).isEqualTo("HTTP/1.1 200 OK");
        assertThat(header(answer, "Content-Security-Policy")).contains("default-src 'self'").contains("script-src 'self'")
                .contains("connect-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe");
        assertThat(header(answer, "X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(answer).doesNotContainIgnoringCase("Set-Cookie").doesNotContainIgnoringCase("Access-Control-Allow");
    }

    private static int port() {
        return Integer.parseInt(APP.api().base().substring(APP.api().base().lastIndexOf(':') + 1));
    }

    private static String get(String path, String host, String... headers) throws IOException {
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n")
                .append("Authorization: Bearer ").append(InMemoryApp.TOKEN).append("\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        return send(request.append("Connection: close\r\n\r\n").toString());
    }

    private static String send(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String statusLine(String answer) {
        return answer.substring(0, answer.indexOf("\r\n"));
    }

    private static String header(String answer, String name) {
        for (String line : answer.substring(0, answer.indexOf("\r\n\r\n")).split("\r\n")) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return "";
    }
}
