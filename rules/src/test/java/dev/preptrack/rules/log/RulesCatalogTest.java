package dev.preptrack.rules.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preptrack.rules.log.RulesCatalog.State;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RulesCatalogTest {

    private static final Instant AT = Instant.parse("2026-12-02T10:00:00Z");

    private static RulesChange.Published published(String id, boolean dryRun) {
        return new RulesChange.Published(id, "{\"doc\":\"" + id + "\"}", dryRun, AT, Map.of(0, 10L, 1, 5L));
    }

    private static RulesCatalog fold(RulesChange... changes) {
        RulesCatalog catalog = RulesCatalog.initial("{\"doc\":\"shipped\"}");
        for (RulesChange change : changes) {
            catalog = catalog.apply(change);
        }
        return catalog;
    }

    private static State state(RulesCatalog catalog, int version) {
        return catalog.state(catalog.version(version).orElseThrow());
    }

    @Test
    void version_1_is_the_shipped_document_and_active_before_anything_is_published() {
        RulesCatalog catalog = fold();

        assertThat(catalog.active()).isEqualTo(1);
        assertThat(catalog.activeVersion().document()).isEqualTo("{\"doc\":\"shipped\"}");
        assertThat(state(catalog, 1)).isEqualTo(State.ACTIVE);
        assertThat(catalog.rebuilding()).isEmpty();
    }

    @Test
    void publications_are_numbered_in_log_order_and_rebuild_one_at_a_time() {
        RulesCatalog catalog = fold(published("a", false), published("b", false));

        assertThat(catalog.byPublishId("a").orElseThrow().version()).isEqualTo(2);
        assertThat(catalog.byPublishId("b").orElseThrow().version()).isEqualTo(3);
        assertThat(state(catalog, 2)).isEqualTo(State.REBUILDING);
        assertThat(state(catalog, 3)).isEqualTo(State.QUEUED);
        assertThat(catalog.running()).extracting(RulesVersion::version).containsExactly(1, 2);
    }

    @Test
    void a_publication_read_twice_is_one_version() {
        RulesCatalog catalog = fold(published("a", false), published("a", false));

        assertThat(catalog.versions()).hasSize(2);
    }

    @Test
    void a_switch_keeps_the_previous_version_and_leaves_the_one_before_it_to_retire() {
        RulesCatalog catalog = fold(published("a", false), new RulesChange.CaughtUp(2, AT),
                new RulesChange.Activated("x", 2, AT, "rebuilt"));

        assertThat(catalog.active()).isEqualTo(2);
        assertThat(catalog.previous()).contains(1);
        assertThat(state(catalog, 1)).isEqualTo(State.KEPT);
        assertThat(catalog.superseded()).isEmpty();

        catalog = catalog.apply(published("b", false)).apply(new RulesChange.CaughtUp(3, AT))
                .apply(new RulesChange.Activated("y", 3, AT, "rebuilt"));

        assertThat(catalog.previous()).contains(2);
        assertThat(catalog.superseded()).extracting(RulesVersion::version).containsExactly(1);
        catalog = catalog.apply(new RulesChange.Retired(1, AT, "superseded"));
        assertThat(state(catalog, 1)).isEqualTo(State.RETIRED);
        assertThat(catalog.running()).extracting(RulesVersion::version).containsExactly(2, 3);
    }

    @Test
    void a_dry_run_that_caught_up_waits_without_holding_up_the_next_publication() {
        RulesCatalog catalog = fold(published("dry", true), new RulesChange.CaughtUp(2, AT), published("b", false));

        assertThat(state(catalog, 2)).isEqualTo(State.CAUGHT_UP);
        assertThat(catalog.awaitingSwitch()).isEmpty();
        assertThat(state(catalog, 3)).isEqualTo(State.REBUILDING);
        assertThat(catalog.active()).isEqualTo(1);
    }

    @Test
    void a_caught_up_publication_not_yet_activated_is_a_switch_to_finish() {
        RulesCatalog catalog = fold(published("a", false), new RulesChange.CaughtUp(2, AT));

        assertThat(catalog.awaitingSwitch()).map(RulesVersion::version).contains(2);
    }

    @Test
    void the_active_version_cannot_be_retired_or_failed_and_a_retired_one_cannot_be_activated() {
        RulesCatalog catalog = fold(published("a", false), new RulesChange.Retired(1, AT, "retired"),
                new RulesChange.Failed(1, AT, "boom"), new RulesChange.Retired(2, AT, "cancelled"),
                new RulesChange.Activated("x", 2, AT, "promoted"));

        assertThat(catalog.active()).isEqualTo(1);
        assertThat(state(catalog, 1)).isEqualTo(State.ACTIVE);
        assertThat(state(catalog, 2)).isEqualTo(State.RETIRED);
        assertThat(catalog.version(2).orElseThrow().retiredWhy()).isEqualTo("cancelled");
    }

    @Test
    void rolling_back_makes_the_version_rolled_from_the_kept_one() {
        RulesCatalog catalog = fold(published("a", false), new RulesChange.CaughtUp(2, AT),
                new RulesChange.Activated("x", 2, AT, "rebuilt"), new RulesChange.Activated("y", 1, AT, "rolled back"));

        assertThat(catalog.active()).isEqualTo(1);
        assertThat(catalog.previous()).contains(2);
        assertThat(state(catalog, 2)).isEqualTo(State.KEPT);
        assertThat(catalog.superseded()).isEmpty();
    }

    @Test
    void only_a_version_that_has_caught_up_can_be_activated_and_a_failed_kept_one_is_no_rollback() {
        RulesCatalog catalog = fold(published("a", false), new RulesChange.Activated("early", 2, AT, "promoted"));
        assertThat(catalog.active()).as("still rebuilding: not activated").isEqualTo(1);

        catalog = catalog.apply(new RulesChange.CaughtUp(2, AT)).apply(new RulesChange.Activated("x", 2, AT, "rebuilt"))
                .apply(new RulesChange.Failed(1, AT, "its projections stopped"));
        assertThat(catalog.previous()).isEmpty();
        assertThat(state(catalog, 1)).isEqualTo(State.FAILED);
    }

    @Test
    void every_change_reads_back_as_it_was_written() {
        RulesChange[] changes = {published("a", true), new RulesChange.CaughtUp(2, AT),
                new RulesChange.Activated("x", 2, AT, "promoted"), new RulesChange.Retired(2, AT, "discarded"),
                new RulesChange.Failed(3, AT, "cannot read")};
        for (RulesChange change : changes) {
            assertThat(RulesChangeCodec.decode(RulesChangeCodec.encode(change))).isEqualTo(change);
        }
    }
}
