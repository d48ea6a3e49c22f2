package dev.preptrack.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preptrack.ui.http.PreptrackApp;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /openapi.json} is the contract outside clients build on, so it must name every route the
 * app serves and nothing it does not: compared with the app's own route table. The embedded
 * registry's routes are Confluent's API (documented by Confluent) and only its entry point is listed.
 */
class OpenApiTest {

    @RegisterExtension
    static final InMemoryApp APP = new InMemoryApp();
    private static final Set<HandlerType> ENDPOINTS = Set.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT,
            HandlerType.DELETE, HandlerType.PATCH);

    @Test
    void the_document_names_exactly_the_routes_the_app_serves() throws IOException {
        Set<String> served = new TreeSet<>();
        APP.app().javalin().unsafe.internalRouter.allHttpHandlers().forEach(parsed -> {
            var endpoint = parsed.endpoint;
            if (ENDPOINTS.contains(endpoint.method) && !endpoint.path.startsWith(PreptrackApp.REGISTRY_PREFIX + "/")) {
                served.add(endpoint.method.name().toLowerCase(Locale.ROOT) + " " + endpoint.path);
            }
        });
        JsonNode document = new ObjectMapper().readTree(APP.api().get("/openapi.json").body());
        Set<String> documented = new TreeSet<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (!path.getKey().startsWith(PreptrackApp.REGISTRY_PREFIX + "/")) {
                documented.add(method + " " + path.getKey());
            }
        }));

        assertThat(served).isNotEmpty().contains("post /api/v1/candidates/{candidateId}/imports");
        assertThat(documented).isEqualTo(served);
    }
}
