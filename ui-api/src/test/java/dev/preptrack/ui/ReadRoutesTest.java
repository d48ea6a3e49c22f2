package dev.preptrack.ui;

import static dev.preptrack.ui.WriteApiTest.path;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The read routes' mapping of query parameters, on the real HTTP app over in-memory ports: what
 * a read means is the read use cases', and the route only passes it on and renders the answer.
 */
@Timeout(60)
class ReadRoutesTest {

    @RegisterExtension
    static final InMemoryApp APP = new InMemoryApp();

    @Test
    void an_unknown_rubric_or_date_is_refused_naming_the_parameter() {
        var rubric = APP.api().get(path("cand-x", "/readiness?rubric=haiku"));
        var date = APP.api().get(path("cand-x", "/readiness?asOf=yesterday"));

        assertThat(rubric.status()).isEqualTo(400);
        assertThat(rubric.json().path("errors").get(0).path("field").asText()).isEqualTo("rubric");
        assertThat(date.status()).isEqualTo(400);
        assertThat(date.json().path("errors").get(0).path("field").asText()).isEqualTo("asOf");
    }

    @Test
    void a_rubric_may_be_named_by_an_alias_in_any_case_on_a_read() {
        var answer = APP.api().get(path("cand-x", "/readiness?rubric=STAR"));

        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(answer.json().path("rubrics")).hasSize(1);
        assertThat(answer.json().path("rubrics").get(0).path("rubric").asText()).isEqualTo("star");
    }
}
