package dev.preptrack.tracker.domain;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a command asked for, as a SHA-256 over a canonical text of the typed intent: its type,
 * every component by name (maps by sorted key, so the order fields arrived in does not matter),
 * the candidate, and the time the client gave (not the default "now", so a retry of a request
 * that named no time is recognised as the same request). Two requests with one idempotency key
 * are the same request exactly when their fingerprints are equal, whichever way in they came.
 */
public final class CommandFingerprint {

    private CommandFingerprint() {
    }

    /**
     * @param requestedOccurredAt the time the client named, or null when it named none
     */
    public static String of(String candidateId, CandidateCommand intent, Instant requestedOccurredAt) {
        var text = new StringBuilder(256).append(candidateId).append('\n');
        append(text, intent);
        text.append('\n').append(requestedOccurredAt == null ? "~" : requestedOccurredAt.toString());
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void append(StringBuilder text, Object value) {
        if (value == null) {
            text.append('~');
        } else if (value instanceof Record record) {
            text.append(record.getClass().getSimpleName()).append('{');
            for (Component component : COMPONENTS.get(record.getClass())) {
                text.append(component.name()).append('=');
                append(text, component.read(record));
                text.append(';');
            }
            text.append('}');
        } else if (value instanceof Map<?, ?> map) {
            text.append('{');
            new TreeMap<>(map).forEach((key, item) -> {
                append(text, key);
                text.append(':');
                append(text, item);
                text.append(',');
            });
            text.append('}');
        } else if (value instanceof Collection<?> items) {
            text.append('[');
            items.forEach(item -> {
                append(text, item);
                text.append(',');
            });
            text.append(']');
        } else if (value instanceof String string) {
            // Quoted with its length, so no text can imitate the punctuation around it.
            text.append(string.length()).append('"').append(string).append('"');
        } else {
            text.append(value);
        }
    }

    /** A record's component and its accessor, looked up once per class (reflection is slow to ask). */
    private record Component(String name, Method accessor) {
        Object read(Record record) {
            try {
                return accessor.invoke(record);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + name + " of a command", e);
            }
        }
    }

    private static final ClassValue<List<Component>> COMPONENTS = new ClassValue<>() {
        @Override
        protected List<Component> computeValue(Class<?> type) {
            return Arrays.stream(type.getRecordComponents())
                    .map(component -> new Component(component.getName(), component.getAccessor())).toList();
        }
    };
}
