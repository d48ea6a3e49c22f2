package dev.preptrack.ui.http;

import dev.preptrack.schemas.kafka.KafkaAccess;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What {@code /health} reports: each component's state, and where the Kafka cluster and
 * schema registry in use are, so that other tools can consume preptrack's topics. UP only
 * when every component is. Beside the components it may say what is worth knowing but does not
 * make anything unhealthy ({@link #inform}: the records set aside as poison, say). Once shutdown
 * has begun ({@link #stopping}) it is STOPPING, whatever the components say, so that a load
 * balancer or a script stops sending requests before the processors behind them close.
 */
public final class Health {

    /** The state of one component. */
    public enum State { STARTING, UP, DOWN }

    private final Map<String, Supplier<State>> components = new LinkedHashMap<>();
    private final Map<String, String> details = new LinkedHashMap<>();
    private final Map<String, Supplier<String>> liveDetails = new LinkedHashMap<>();
    private final Map<String, Supplier<?>> information = new LinkedHashMap<>();
    private volatile KafkaAccess kafka;
    private volatile Path kafkaClientSettings;
    private volatile String schemaRegistryUrl;
    private volatile boolean stopping;

    public Health(String... componentNames) {
        for (String name : componentNames) {
            components.put(name, () -> State.STARTING);
        }
    }

    public synchronized void set(String component, State state, String detail) {
        watch(component, () -> state);
        liveDetails.remove(component);
        if (detail == null) {
            details.remove(component);
        } else {
            details.put(component, detail);
        }
    }

    /** Reports the component's state as {@code state} tells it at each request (e.g. a Streams app's). */
    public synchronized void watch(String component, Supplier<State> state) {
        watch(component, state, () -> null);
    }

    /**
     * As {@link #watch(String, Supplier)}, with what it is waiting for and how far along it is
     * ({@code detail}; null when there is nothing to say) reported beside its state.
     */
    public synchronized void watch(String component, Supplier<State> state, Supplier<String> detail) {
        if (!components.containsKey(component)) {
            throw new IllegalArgumentException("unknown component " + component);
        }
        components.put(component, state);
        details.remove(component);
        liveDetails.put(component, detail);
    }

    /** Reports {@code value}, as it is at each request, under {@code key} beside the components; never changes the status. */
    public synchronized void inform(String key, Supplier<?> value) {
        information.put(key, value);
    }

    /**
     * Where other tools reach the backbone: Kafka's address and security protocol (never its
     * login), the client properties file holding that login when preptrack wrote one, and the
     * registry.
     */
    public void endpoints(KafkaAccess kafka, Path kafkaClientSettings, String schemaRegistryUrl) {
        this.kafka = kafka;
        this.kafkaClientSettings = kafkaClientSettings;
        this.schemaRegistryUrl = schemaRegistryUrl;
    }

    /** From now on the status is STOPPING (and {@link #isUp} false): shutdown has begun. */
    public void stopping() {
        stopping = true;
    }

    public synchronized boolean isUp() {
        return !stopping && components.values().stream().allMatch(state -> state.get() == State.UP);
    }

    /** The body of {@code /health}. */
    public synchronized Map<String, Object> report() {
        Map<String, Object> report = new LinkedHashMap<>();
        Map<String, Object> parts = new LinkedHashMap<>();
        boolean up = true;
        boolean down = false;
        for (var component : components.entrySet()) {
            State state = component.getValue().get();
            up &= state == State.UP;
            down |= state == State.DOWN;
            Map<String, Object> part = new LinkedHashMap<>();
            part.put("status", state.name());
            String detail = liveDetails.containsKey(component.getKey()) ? liveDetails.get(component.getKey()).get()
                    : details.get(component.getKey());
            if (detail != null) {
                part.put("detail", detail);
            }
            parts.put(component.getKey(), part);
        }
        report.put("status", stopping ? "STOPPING" : up ? "UP" : down ? "DOWN" : "STARTING");
        Map<String, Object> kafkaEndpoint = endpoint("bootstrapServers", kafka == null ? null : kafka.bootstrapServers());
        if (kafka != null) {
            kafkaEndpoint.put("securityProtocol", kafka.securityProtocol());
            Optional.ofNullable(kafka.settings().get("sasl.mechanism")).ifPresent(mechanism ->
                    kafkaEndpoint.put("saslMechanism", mechanism));
        }
        if (kafkaClientSettings != null) {
            kafkaEndpoint.put("clientProperties", kafkaClientSettings.toString());
        }
        report.put("kafka", kafkaEndpoint);
        report.put("schemaRegistry", endpoint("url", schemaRegistryUrl));
        report.put("components", parts);
        information.forEach((key, value) -> report.put(key, value.get()));
        return report;
    }

    private static Map<String, Object> endpoint(String key, String value) {
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put(key, value);
        return endpoint;
    }
}
