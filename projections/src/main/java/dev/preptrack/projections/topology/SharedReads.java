package dev.preptrack.projections.topology;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A fold store's value serde that decodes a stored value once for all the read models' readers,
 * instead of once per read.
 *
 * <p>A read of a candidate's readiness or themes is answered from a cached answer, but learning
 * which answer (the stored value's sequence) meant decoding the candidate's whole value: profiles
 * of {@code GET …/themes} and {@code …/readiness} under load put 46–48 % of a request there.
 * Decoded values are kept by the stored bytes themselves (hashed, then compared in full on a hit),
 * so a read never trusts a sequence number across rebalances and restores: the same bytes are
 * the same value. Keying by the array's identity instead was tried and was slower: a value read
 * past the store's record cache (every read after a restart, until the candidate's next event)
 * is a fresh array each time.
 *
 * <p>Only callers inside {@link #reading} share: they promise not to change what they get. The
 * folds, on the stream thread, always decode a value of their own, which they may change.
 */
final class SharedReads<V> implements Serde<V> {

    private static final ThreadLocal<Boolean> READER = new ThreadLocal<>();

    private final Serde<V> inner;
    /** A cohort's most-read candidates; each entry holds a value's bytes and its decoded form. */
    private final Cache<Stored, V> decoded = Caffeine.newBuilder().maximumSize(32).build();

    /**
     * Stored bytes as a key: equal when every byte is. The hash reads only the length and the
     * first and last 64 bytes (a fold value begins with its sequence, which every change moves):
     * hashing all of a year's feedback cost a tenth of a read, and equality still compares it all.
     */
    private record Stored(byte[] bytes, int hash) {
        private static final int ENDS = 64;

        Stored(byte[] bytes) {
            this(bytes, hash(bytes));
        }

        private static int hash(byte[] bytes) {
            int n = bytes.length;
            int hash = n;
            for (int i = 0; i < Math.min(n, ENDS); i++) {
                hash = 31 * hash + bytes[i];
            }
            for (int i = Math.max(ENDS, n - ENDS); i < n; i++) {
                hash = 31 * hash + bytes[i];
            }
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Stored that && hash == that.hash && Arrays.equals(bytes, that.bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private SharedReads(Serde<V> inner) {
        this.inner = inner;
    }

    static <V> Serde<V> of(Serde<V> inner) {
        return new SharedReads<>(inner);
    }

    /** Runs {@code read} as a reader that does not change the values it is given. */
    static <T> T reading(Supplier<T> read) {
        READER.set(Boolean.TRUE);
        try {
            return read.get();
        } finally {
            READER.remove();
        }
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        inner.configure(configs, isKey);
    }

    @Override
    public Serializer<V> serializer() {
        return inner.serializer();
    }

    @Override
    public Deserializer<V> deserializer() {
        Deserializer<V> decode = inner.deserializer();
        return (topic, data) -> data == null || READER.get() == null
                ? decode.deserialize(topic, data)
                : decoded.get(new Stored(data), stored -> decode.deserialize(topic, stored.bytes()));
    }

    @Override
    public void close() {
        inner.close();
    }
}
