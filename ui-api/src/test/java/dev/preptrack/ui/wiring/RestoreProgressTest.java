package dev.preptrack.ui.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class RestoreProgressTest {

    private final RestoreProgress progress = new RestoreProgress();
    private final TopicPartition answered0 = new TopicPartition("app-answered-commands-changelog", 0);
    private final TopicPartition answered1 = new TopicPartition("app-answered-commands-changelog", 1);
    private final TopicPartition models0 = new TopicPartition("app-write-models-changelog", 0);

    @Test
    void says_nothing_when_nothing_is_being_restored() {
        assertThat(progress.describe()).isNull();
    }

    @Test
    void sums_what_each_store_has_restored_of_what_it_must() {
        progress.onRestoreStart(answered0, "answered-commands", 100, 1100);
        progress.onRestoreStart(answered1, "answered-commands", 0, 1000);
        progress.onRestoreStart(models0, "write-models", 0, 2000);
        progress.onBatchRestored(answered0, "answered-commands", 600, 500);
        progress.onBatchRestored(models0, "write-models", 500, 500);

        assertThat(progress.describe()).isEqualTo("restoring answered-commands, write-models: 1000 of 4000 records (25%)");
    }

    @Test
    void a_store_that_finished_or_moved_away_is_no_longer_waited_for() {
        progress.onRestoreStart(answered0, "answered-commands", 0, 1000);
        progress.onRestoreStart(models0, "write-models", 0, 10);
        progress.onRestoreEnd(models0, "write-models", 10);
        assertThat(progress.describe()).isEqualTo("restoring answered-commands: 0 of 1000 records (0%)");

        progress.onRestoreSuspended(answered0, "answered-commands", 0);
        assertThat(progress.describe()).isNull();
    }
}
