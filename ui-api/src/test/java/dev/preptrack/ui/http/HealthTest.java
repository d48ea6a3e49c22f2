package dev.preptrack.ui.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HealthTest {

    @Test
    void upOnlyWhenEveryComponentIs() {
        Health health = new Health("kafka", "api");
        health.set("kafka", Health.State.UP, null);
        assertThat(health.isUp()).isFalse();
        assertThat(health.report()).containsEntry("status", "STARTING");

        health.set("api", Health.State.UP, null);
        assertThat(health.isUp()).isTrue();
        assertThat(health.report()).containsEntry("status", "UP");
    }

    @Test
    void stoppingOnceShutdownBeginsEvenWithEveryComponentUp() {
        Health health = new Health("kafka", "api");
        health.set("kafka", Health.State.UP, null);
        health.set("api", Health.State.UP, null);

        health.stopping();

        assertThat(health.isUp()).isFalse();
        assertThat(health.report()).containsEntry("status", "STOPPING");
    }

    @Test
    void aComponentDownMakesItDown() {
        Health health = new Health("kafka", "api");
        health.set("kafka", Health.State.DOWN, "broker unreachable");
        health.set("api", Health.State.UP, null);
        assertThat(health.report()).containsEntry("status", "DOWN");
    }
}
