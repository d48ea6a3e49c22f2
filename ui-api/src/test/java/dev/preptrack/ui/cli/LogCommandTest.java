package dev.preptrack.ui.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogCommandTest {

    @Test
    void a_section_time_may_be_seconds_or_minutes_and_seconds() {
        assertThat(LogCommand.seconds("90")).isEqualTo(90);
        assertThat(LogCommand.seconds("90s")).isEqualTo(90);
        assertThat(LogCommand.seconds("1m30s")).isEqualTo(90);
        assertThat(LogCommand.seconds("2m")).isEqualTo(120);
        assertThat(LogCommand.seconds("0")).isZero();
    }

    @Test
    void anything_else_is_not_a_time() {
        assertThat(LogCommand.seconds("")).isNull();
        assertThat(LogCommand.seconds("1.5m")).isNull();
        assertThat(LogCommand.seconds("ninety")).isNull();
    }
}
