package dev.preptrack.ui.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HealthTest {

    @Test
    void up_only_when_every_component_is() {
        Health health = new Health("kafka", "api");
        health.set("kafka", Health.State.UP, null);
        assertThat(health.isUp()).isFalse();
        assertThat(health.report()).containsEntry("status", "STARTING");

        health.set("api", Health.State.UP, null);
        assertThat(health.isUp()).isTrue();
        assertThat(health.report()).containsEntry("status", "UP");
    }

    @Test
    void stopping_once_shutdown_begins_even_with_every_component_up() {
        Health health = new Health("kafka", "api");
        health.set("kafka", Health.State.UP, null);
        health.set("api", Health.State.UP, null);

        health.stopping();

        assertThat(health.isUp()).isFalse();
        assertThat(health.report()).containsEntry("status", "STOPPING");
    }

    @Test
    void a_component_down_makes_it_down() {
        Health health = new Health("kafka", "api");
        health.set("kafka", Health.State.DOWN, "broker unreachable");
        health.set("api", Health.State.UP, null);
        assertThat(health.report()).containsEntry("status", "DOWN");
    }
}
