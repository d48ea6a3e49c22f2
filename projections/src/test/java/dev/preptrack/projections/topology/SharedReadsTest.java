package dev.preptrack.projections.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class SharedReadsTest {

    private final AtomicInteger decodings = new AtomicInteger();
    private final Serde<String> counted = Serdes.serdeFrom(Serdes.String().serializer(),
            (topic, data) -> {
                if (data == null) {
                    return null;
                }
                decodings.incrementAndGet();
                return new String(data, StandardCharsets.UTF_8);
            });
    private final Deserializer<String> shared = SharedReads.of(counted).deserializer();

    @Test
    void readers_of_one_stored_value_share_one_decoding() {
        byte[] stored = "a candidate's feedback".getBytes(StandardCharsets.UTF_8);

        String first = SharedReads.reading(() -> shared.deserialize("store", stored));
        String second = SharedReads.reading(() -> shared.deserialize("store", stored));

        assertThat(second).isSameAs(first).isEqualTo("a candidate's feedback");
        assertThat(decodings).hasValue(1);
    }

    @Test
    void the_same_bytes_read_again_from_disk_are_not_decoded_again_and_changed_bytes_are() {
        // A value read past the store's cache is a fresh array each time: its bytes decide.
        String first = SharedReads.reading(() -> shared.deserialize("store", "v1".getBytes(StandardCharsets.UTF_8)));
        String again = SharedReads.reading(() -> shared.deserialize("store", "v1".getBytes(StandardCharsets.UTF_8)));
        String changed = SharedReads.reading(() -> shared.deserialize("store", "v2".getBytes(StandardCharsets.UTF_8)));

        assertThat(again).isSameAs(first);
        assertThat(changed).isEqualTo("v2");
        assertThat(decodings).hasValue(2);
    }

    @Test
    void values_alike_at_both_ends_are_told_apart_by_the_bytes_between() {
        // The key's hash reads only the ends; equality reads every byte.
        String ends = "x".repeat(200);
        byte[] one = (ends + "one" + ends).getBytes(StandardCharsets.UTF_8);
        byte[] two = (ends + "two" + ends).getBytes(StandardCharsets.UTF_8);

        assertThat(SharedReads.reading(() -> shared.deserialize("store", one))).contains("one");
        assertThat(SharedReads.reading(() -> shared.deserialize("store", two))).contains("two");
        assertThat(SharedReads.reading(() -> shared.deserialize("store", one.clone()))).contains("one");
        assertThat(decodings).hasValue(2);
    }

    @Test
    void the_fold_gets_a_value_of_its_own_every_time() {
        byte[] stored = "evidence".getBytes(StandardCharsets.UTF_8);
        String read = SharedReads.reading(() -> shared.deserialize("store", stored));

        String folded = shared.deserialize("store", stored);
        String foldedAgain = shared.deserialize("store", stored);

        assertThat(folded).isNotSameAs(read).isNotSameAs(foldedAgain).isEqualTo("evidence");
        assertThat(decodings).hasValue(3);
    }

    @Test
    void reading_ends_with_its_read_even_when_the_read_fails() {
        byte[] stored = "x".getBytes(StandardCharsets.UTF_8);
        try {
            SharedReads.reading(() -> {
                throw new IllegalStateException("store moved");
            });
        } catch (IllegalStateException expected) {
            // the reader's scope must not outlive it
        }
        assertThat(shared.deserialize("store", stored)).isNotSameAs(shared.deserialize("store", stored));
        assertThat(SharedReads.reading(() -> shared.deserialize("store", null))).isNull();
    }
}
