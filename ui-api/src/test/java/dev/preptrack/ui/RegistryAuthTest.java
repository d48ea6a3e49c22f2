package dev.preptrack.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The embedded registry is readable by anyone on the machine (deserializers fetch schemas with no
 * credentials) but changes only with the API token: another account or a web page cannot loosen
 * the events' compatibility or register a schema of its own.
 */
class RegistryAuthTest {

    @RegisterExtension
    static final InMemoryApp APP = new InMemoryApp();
    private static final String LOOSEN = "{\"compatibility\": \"NONE\"}";

    @Test
    void a_change_without_the_token_is_refused_in_the_registrys_own_error_form() {
        var refused = send(null, "PUT", "/registry/config/preptrack.events-value", LOOSEN);
        var registering = send(null, "POST", "/registry/subjects/preptrack.events-value/versions", "{\"schema\": \"\\\"string\\\"\"}");
        var wrongToken = send(basic("anyone", "guess"), "DELETE", "/registry/config/preptrack.events-value", null);

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().path("error_code").asInt()).isEqualTo(40101);
        assertThat(refused.response().headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"preptrack registry\"");
        assertThat(registering.status()).isEqualTo(401);
        assertThat(wrongToken.status()).isEqualTo(401);
    }

    @Test
    void the_token_as_basic_credentials_or_bearer_lets_a_change_through_and_reads_need_nothing() {
        var basic = send(basic("confluent-client", InMemoryApp.TOKEN), "PUT", "/registry/config/preptrack.events-value", LOOSEN);
        var bearer = send("Bearer " + InMemoryApp.TOKEN, "PUT", "/registry/config", LOOSEN);
        var read = send(null, "GET", "/registry/subjects", null);
        var lookup = send(null, "POST", "/registry/subjects/preptrack.events-value", "{\"schema\": \"\\\"string\\\"\"}");

        // Past the door, each reaches its route: the in-memory app has no store behind them, which they say.
        for (var answer : java.util.List.of(basic, bearer, read, lookup)) {
            assertThat(answer.status()).as("%s", answer).isEqualTo(503);
            assertThat(answer.json().path("message").asText()).as("%s", answer).contains("the schema registry is starting");
        }
    }

    private static Api.Answer send(String authorization, String method, String path, String body) {
        return new Api(port(), null).send(method, path, body, "Content-Type", "application/vnd.schemaregistry.v1+json",
                "Authorization", authorization);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static int port() {
        return Integer.parseInt(APP.api().base().substring(APP.api().base().lastIndexOf(':') + 1));
    }
}
