package dev.preptrack.ui;

import dev.preptrack.backbone.registry.SchemaRegistryApi;
import dev.preptrack.domain.event.Event;
import dev.preptrack.projections.query.CandidateOwners;
import dev.preptrack.projections.query.ReadModels;
import dev.preptrack.projections.query.ReadQueries;
import dev.preptrack.rules.Rules;
import dev.preptrack.rules.RulesLoader;
import dev.preptrack.tracker.app.InMemoryCommandBus;
import dev.preptrack.tracker.app.WriteCommands;
import dev.preptrack.ui.config.ApiToken;
import dev.preptrack.ui.http.Backends;
import dev.preptrack.ui.http.Health;
import dev.preptrack.ui.http.PreptrackApp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real HTTP app on port 0 over in-memory ports of the application layer: the real single
 * writer's decisions over maps ({@link InMemoryCommandBus}) and empty read models. For tests
 * whose subject is the HTTP adapter — validation, problem documents, route mapping — so they
 * need no broker; the full path is covered on the real one by the integration tests.
 */
final class InMemoryApp implements BeforeAllCallback, AfterAllCallback {

    static final String TOKEN = "in-memory-test-token";

    private final Rules rules = RulesLoader.defaults();
    private final InMemoryCommandBus writer = new InMemoryCommandBus(rules);
    private PreptrackApp app;

    @Override
    public void beforeAll(ExtensionContext context) {
        var backends = new Backends();
        backends.ready(new WriteCommands(writer, Clock.systemUTC(), Duration.ofSeconds(5)), ReadQueries.over(NOTHING_FOLDED, CandidateOwners.ALONE, candidateId -> List.of(), rules,
                Clock.systemUTC()));
        // The registry's routes without a store behind them: enough for what every route must refuse.
        app = new PreptrackApp(new Health(), ApiToken.of(TOKEN), Optional.of(new SchemaRegistryApi(Optional::empty)), backends,
                PreptrackApp.Timeouts.DEFAULTS, "127.0.0.1").start(0);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        app.stop();
    }

    Api api() {
        return new Api(app.port(), TOKEN);
    }

    PreptrackApp app() {
        return app;
    }

    /** What the writer appended for a candidate. */
    List<Event> events(String candidateId) {
        return writer.events(candidateId);
    }

    /** Read models before anything was folded. */
    private static final ReadModels NOTHING_FOLDED = new ReadModels() {
        @Override
        public Optional<dev.preptrack.projections.CandidateStories> stories(String candidateId, long after) {
            return Optional.empty();
        }

        @Override
        public Optional<dev.preptrack.projections.CandidateFeedback> feedback(String candidateId, long after) {
            return Optional.empty();
        }

        @Override
        public dev.preptrack.projections.readiness.CandidateEvidence readiness(String candidateId, long after) {
            return dev.preptrack.projections.readiness.CandidateEvidence.NONE;
        }

        @Override
        public List<Event> readinessEventsUpTo(String candidateId, java.time.Instant until) {
            return List.of();
        }
    };
}
