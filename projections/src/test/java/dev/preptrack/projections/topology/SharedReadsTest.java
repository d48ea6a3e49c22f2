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

    private String read(String candidate, byte[] stored) {
        return SharedReads.reading(candidate, () -> shared.deserialize("store", stored));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readers_of_one_stored_value_share_one_decoding() {
        byte[] stored = bytes("a candidate's feedback");

        String first = read("anna", stored);
        String second = read("anna", stored);

        assertThat(second).isSameAs(first).isEqualTo("a candidate's feedback");
        assertThat(decodings).hasValue(1);
    }

    @Test
    void the_same_bytes_read_again_from_disk_are_not_decoded_again_and_changed_bytes_are() {
        // A value read past the store's cache is a fresh array each time: its bytes decide.
        String first = read("anna", bytes("v1"));
        String again = read("anna", bytes("v1"));
        String changed = read("anna", bytes("v2"));

        assertThat(again).isSameAs(first);
        assertThat(changed).isEqualTo("v2");
        assertThat(read("anna", bytes("v2"))).isSameAs(changed);
        assertThat(decodings).hasValue(2);
    }

    @Test
    void a_value_differing_only_deep_inside_is_decoded_again() {
        String ends = "x".repeat(500);
        String one = read("anna", bytes(ends + "one" + ends));
        String two = read("anna", bytes(ends + "two" + ends));

        assertThat(one).contains("one");
        assertThat(two).contains("two");
        assertThat(decodings).hasValue(2);
    }

    @Test
    void each_candidate_keeps_its_own_value() {
        String anna = read("anna", bytes("anna's"));
        String ben = read("ben", bytes("ben's"));

        assertThat(read("anna", bytes("anna's"))).isSameAs(anna);
        assertThat(read("ben", bytes("ben's"))).isSameAs(ben);
        assertThat(decodings).hasValue(2);
    }

    @Test
    void the_fold_gets_a_value_of_its_own_every_time() {
        byte[] stored = bytes("evidence");
        String read = read("anna", stored);

        String folded = shared.deserialize("store", stored);
        String foldedAgain = shared.deserialize("store", stored);

        assertThat(folded).isNotSameAs(read).isNotSameAs(foldedAgain).isEqualTo("evidence");
        assertThat(decodings).hasValue(3);
    }

    @Test
    void reading_ends_with_its_read_even_when_the_read_fails() {
        byte[] stored = bytes("x");
        try {
            SharedReads.reading("anna", () -> {
                throw new IllegalStateException("store moved");
            });
        } catch (IllegalStateException expected) {
            // the reader's scope must not outlive it
        }
        assertThat(shared.deserialize("store", stored)).isNotSameAs(shared.deserialize("store", stored));
        assertThat(read("anna", null)).isNull();
    }
}
