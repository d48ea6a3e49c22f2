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
 * of {@code GET …/themes} and {@code …/readiness} under load put 46–48 % of a request there. So a
 * reader names the key it reads ({@link #reading}), and the last value decoded for that key is
 * kept with its bytes: the next read of the same bytes gets it back (compared in full: the bytes
 * are all a reader has before decoding, and equal bytes are the same value wherever they came from,
 * a restore or another instance's changelog included), different bytes are decoded and replace it. One value per key, at most {@link #KEPT_BYTES} of stored bytes per store: a laptop's
 * one candidate, a cohort's most-read ones. Keying by the array's identity was tried first and was
 * slower: a value read past the store's record cache (every read after a restart, until the
 * candidate's next event) is a fresh array each time.
 *
 * <p>Only callers inside {@link #reading} share: they promise not to change what they get. The
 * folds, on the stream thread, always decode a value of their own, which they may change.
 */
final class SharedReads<V> implements Serde<V> {

    /** Stored bytes kept per store; the decoded values are a few times as large. */
    static final long KEPT_BYTES = 2L * 1024 * 1024;

    /** The key the current thread's reader is reading, while it reads. */
    private static final ThreadLocal<Object> READER = new ThreadLocal<>();

    private final Serde<V> inner;
    private final Cache<Object, Decoded<V>> decoded = Caffeine.newBuilder().maximumWeight(KEPT_BYTES)
            .weigher((Object key, Decoded<V> value) -> value.bytes().length).build();

    private record Decoded<V>(byte[] bytes, V value) {
    }

    private SharedReads(Serde<V> inner) {
        this.inner = inner;
    }

    static <V> Serde<V> of(Serde<V> inner) {
        return new SharedReads<>(inner);
    }

    /** Runs {@code read} of the value stored under {@code key}, by a reader that does not change what it gets. */
    static <T> T reading(Object key, Supplier<T> read) {
        READER.set(key);
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
        return (topic, data) -> {
            Object key = READER.get();
            if (data == null || key == null) {
                return decode.deserialize(topic, data);
            }
            Decoded<V> kept = decoded.getIfPresent(key);
            if (kept != null && Arrays.equals(kept.bytes(), data)) {
                return kept.value();
            }
            V value = decode.deserialize(topic, data);
            decoded.put(key, new Decoded<>(data, value));
            return value;
        };
    }

    @Override
    public void close() {
        inner.close();
    }
}
