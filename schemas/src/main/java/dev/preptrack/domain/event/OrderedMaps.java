package dev.preptrack.domain.event;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Immutable copies of maps that keep the order a person wrote the entries in while in memory
 * ({@code Map.copyOf} does not; Avro maps on the wire never do), shared by the domain's events
 * and commands.
 */
public final class OrderedMaps {

    private OrderedMaps() {
    }

    public static <K, V> Map<K, V> copyOf(Map<K, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
