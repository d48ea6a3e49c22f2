package dev.preptrack.projections.topology;

import dev.preptrack.schemas.registry.SchemaRegistryException;
import dev.preptrack.schemas.serde.NotInWireFormatException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Poison records: what a Streams app of preptrack does with a record it cannot read. Such a
 * record is set aside on the dead-letter topic ({@link StreamsConfig#ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG})
 * with Kafka's error headers ({@code __streams.errors.exception}, {@code .message},
 * {@code .stacktrace}, {@code .topic}, {@code .partition}, {@code .offset}) and its original
 * bytes, a {@link Listener} is told (the metric and {@code /health}), and processing goes on with
 * the next record. Two places find poison: the source's deserializer (garbage bytes, a schema id
 * the registry does not know, a record the registry's schema cannot resolve into this build's
 * classes — a payload type added by a newer writer) and the events' decoding step
 * ({@link PoisonRecordException}: an envelope {@code EventCodec} rejects, a tombstone).
 *
 * <p>Two things are deliberately not poison. A registry that cannot be reached says nothing about
 * the record, so the thread fails and the record is read again once it is back (dead-lettering
 * it would drop a good event from every projection). And an exception inside a fold or the
 * writer's decider is a bug of ours, not of the record: it fails the thread as Kafka's default
 * does, without a dead letter, since the record is not skipped but retried after a restart.
 */
public final class DeadLetters {

    /** Where the handlers find their {@link Listener} among the Streams properties (an object, not a class name). */
    public static final String LISTENER_CONFIG = "preptrack.dead-letters.listener";

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private DeadLetters() {
    }

    /** Why a record was set aside; {@link #label()} is what the metric's {@code reason} label says. */
    public enum Reason {
        /** Not in the Confluent wire format at all (too short, wrong magic byte). */
        NOT_WIRE_FORMAT,
        /** In the wire format, but its schema id is not in the registry. */
        UNKNOWN_SCHEMA,
        /** Its writer schema is known but does not resolve into this build's classes (a newer payload type, say). */
        UNREADABLE,
        /** Read into an envelope, then refused by the decoding step. */
        UNDECODABLE;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** One record set aside, where it was and what was wrong with it. */
    public record DeadLetter(Reason reason, String topic, int partition, long offset, String exception, String message) {
    }

    /** Told of every record set aside, on the stream thread that found it: keep it quick. */
    @FunctionalInterface
    public interface Listener {
        void deadLettered(DeadLetter letter);
    }

    /**
     * Sets both handlers in {@code streamsSettings}, and {@code listener} to hear of what they set
     * aside (null: only logged and dead-lettered).
     */
    public static void handleIn(Properties streamsSettings, Listener listener) {
        streamsSettings.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, OnDeserialization.class);
        streamsSettings.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, OnProcessing.class);
        if (listener != null) {
            streamsSettings.put(LISTENER_CONFIG, listener);
        }
    }

    /** Why {@code exception}, thrown by a deserializer, makes its record unreadable. */
    static Reason reasonOf(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof NotInWireFormatException) {
                return Reason.NOT_WIRE_FORMAT;
            }
            if (cause instanceof SchemaRegistryException) {
                return Reason.UNKNOWN_SCHEMA;
            }
            if (cause == cause.getCause()) {
                break;
            }
        }
        return Reason.UNREADABLE;
    }

    private static Listener listenerIn(Map<String, ?> configs) {
        Object listener = configs.get(LISTENER_CONFIG);
        return listener instanceof Listener given ? given : letter -> { };
    }

    private static DeadLetter letter(Reason reason, ErrorHandlerContext context, Throwable exception) {
        return new DeadLetter(reason, context.topic(), context.partition(), context.offset(),
                exception.getClass().getName(), exception.getMessage());
    }

    /** The source's deserializer failed: Kafka's log-and-continue with its dead letter, then the listener. */
    public static final class OnDeserialization implements DeserializationExceptionHandler {
        private final LogAndContinueExceptionHandler deadLetter = new LogAndContinueExceptionHandler();
        private Listener listener = letter -> { };

        @Override
        public void configure(Map<String, ?> configs) {
            deadLetter.configure(configs);
            listener = listenerIn(configs);
        }

        @Override
        public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                Exception exception) {
            if (SchemaRegistryException.unavailableIn(exception)) {
                log.error("cannot read {}-{}@{} while the schema registry is unavailable; failing rather than "
                        + "dropping a record that may be good", record.topic(), record.partition(), record.offset(),
                        exception);
                return Response.fail();
            }
            Response response = deadLetter.handleError(context, record, exception);
            listener.deadLettered(letter(reasonOf(exception), context, exception));
            return response;
        }
    }

    /**
     * A processor threw: a {@link PoisonRecordException} is dead-lettered (naming its cause, the
     * decoder's own error, in the headers) and skipped; anything else fails the thread.
     */
    public static final class OnProcessing implements ProcessingExceptionHandler {
        private final LogAndContinueProcessingExceptionHandler deadLetter = new LogAndContinueProcessingExceptionHandler();
        private Listener listener = letter -> { };

        @Override
        public void configure(Map<String, ?> configs) {
            deadLetter.configure(configs);
            listener = listenerIn(configs);
        }

        @Override
        public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
            if (!(exception instanceof PoisonRecordException)) {
                log.error("processor {} failed on {}-{}@{}; the thread stops and the record is retried after a restart",
                        context.processorNodeId(), context.topic(), context.partition(), context.offset(), exception);
                return Response.fail();
            }
            Exception cause = exception.getCause() instanceof Exception decoder ? decoder : exception;
            Response response = deadLetter.handleError(context, record, cause);
            listener.deadLettered(letter(Reason.UNDECODABLE, context, cause));
            return response;
        }
    }
}
