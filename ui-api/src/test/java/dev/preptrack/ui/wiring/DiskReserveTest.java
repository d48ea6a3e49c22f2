package dev.preptrack.ui.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preptrack.tracker.app.InsufficientStorageException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DiskReserveTest {

    private static final long MIB = 1024 * 1024;
    private final AtomicLong free = new AtomicLong(100 * MIB);
    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger asked = new AtomicInteger();
    private final DiskReserve reserve = new DiskReserve(Path.of("/data"), 64 * MIB, () -> {
        asked.incrementAndGet();
        return free.get();
    }, now::get);

    @Test
    void refuses_under_the_reserve_saying_how_much_is_free_and_what_to_do() {
        reserve.ensureRoom();
        assertThat(reserve.describe()).isNull();
        free.set(10 * MIB);
        now.addAndGet(DiskReserve.RECHECK_NANOS);
        assertThatThrownBy(reserve::ensureRoom).isInstanceOfSatisfying(InsufficientStorageException.class, e -> {
            assertThat(e.usableBytes()).isEqualTo(10 * MIB);
            assertThat(e.reserveBytes()).isEqualTo(64 * MIB);
            assertThat(e.getMessage()).contains("only 10.0 MiB are free on the disk of /data", "64.0 MiB",
                    "Free space on that disk");
        });
        assertThat(reserve.low()).isTrue();
        assertThat(reserve.describe()).contains("low disk: 10.0 MiB free", "writes are refused (507)");
    }

    @Test
    void asks_the_disk_at_most_once_a_second() {
        for (int i = 0; i < 100; i++) {
            reserve.ensureRoom();
        }
        assertThat(asked).hasValue(1);
        free.set(0);
        now.addAndGet(DiskReserve.RECHECK_NANOS - 1);
        reserve.ensureRoom(); // still the old answer
        now.addAndGet(1);
        assertThatThrownBy(reserve::ensureRoom).isInstanceOf(InsufficientStorageException.class);
        assertThat(asked).hasValue(2);
    }

    @Test
    void a_reserve_of_zero_never_refuses() {
        var none = new DiskReserve(Path.of("/data"), 0, () -> 0, now::get);
        none.ensureRoom();
        assertThat(none.low()).isFalse();
    }
}
