package dev.preptrack.ui.http.requests;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import dev.preptrack.tracker.app.FieldError;
import dev.preptrack.tracker.app.InvalidRequestException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks a write request's JSON body against its schema ({@code requests/*.json}) and binds it
 * to its record, or refuses it with every problem at once, each naming its field
 * ({@code sections[0].seconds}). Only shape is checked here: whether ids exist, whether
 * {@code occurredAt} is in a believable window, or whether an edit changes anything needs state
 * or a clock and is the application's to decide. Each schema is compiled once, in the
 * constructor; an instance is thread-safe and meant to be shared by every route.
 */
public final class BodyBinder {

    private static final String SCHEMA_IRI_PREFIX = "https://preptrack.dev/requests/";
    private static final String SCHEMA_RESOURCE_FOLDER = "requests/";

    private final Map<RequestSchema, Schema> schemas = new EnumMap<>(RequestSchema.class);
    private final ObjectMapper json;

    /** Loads and compiles every schema; a broken schema fails here, at start-up, not on a request. */
    public BodyBinder() {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                // In 2020-12 "format" only annotates unless asked to assert; occurredAt relies on it.
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_POINTER)
                .build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(config).schemas(BodyBinder::schemaText));
        for (RequestSchema body : RequestSchema.values()) {
            Schema schema = registry.getSchema(SchemaLocation.of(SCHEMA_IRI_PREFIX + body.resource()));
            // Compiled eagerly: lazy compilation on first use would race between request threads.
            schema.initializeValidators();
            schemas.put(body, schema);
        }
        json = new ObjectMapper().registerModule(new SimpleModule("request-instants")
                .addDeserializer(Instant.class, new InstantDeserializer()));
    }

    /**
     * The body as {@code type}, or an {@link InvalidRequestException} listing every problem.
     *
     * @throws IllegalArgumentException when {@code type} is not the record {@code schema} binds to
     */
    public <T> T bind(JsonNode body, RequestSchema schema, Class<T> type) {
        if (type != schema.requestType()) {
            throw new IllegalArgumentException(schema + " binds to " + schema.requestType().getSimpleName()
                    + ", not " + type.getSimpleName());
        }
        if (body == null || !body.isObject()) {
            throw InvalidRequestException.of("body", "must be a JSON object");
        }
        List<FieldError> problems = SchemaErrors.of(schemas.get(schema).validate(body.toString(), InputFormat.JSON));
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        try {
            return json.treeToValue(body, type);
        } catch (JsonMappingException e) {
            // The schema admits only what binds, except times RFC 3339 allows and java.time does not (leap seconds).
            boolean instant = e instanceof InvalidFormatException invalid && invalid.getTargetType() == Instant.class;
            throw InvalidRequestException.of(jacksonPath(e), instant ? SchemaErrors.INSTANT_RULE : "is not valid");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot bind a validated " + schema + " body", e);
        }
    }

    public CreateStoryRequest createStory(JsonNode body) {
        return bind(body, RequestSchema.CREATE_STORY, CreateStoryRequest.class);
    }

    public EditStoryRequest editStory(JsonNode body) {
        return bind(body, RequestSchema.EDIT_STORY, EditStoryRequest.class);
    }

    public RetireStoryRequest retireStory(JsonNode body) {
        return bind(body, RequestSchema.RETIRE_STORY, RetireStoryRequest.class);
    }

    public LogAttemptRequest logAttempt(JsonNode body) {
        return bind(body, RequestSchema.LOG_ATTEMPT, LogAttemptRequest.class);
    }

    public RecordFeedbackRequest recordFeedback(JsonNode body) {
        return bind(body, RequestSchema.RECORD_FEEDBACK, RecordFeedbackRequest.class);
    }

    public TriageFeedbackRequest triageFeedback(JsonNode body) {
        return bind(body, RequestSchema.TRIAGE_FEEDBACK, TriageFeedbackRequest.class);
    }

    public CorrectThemesRequest correctThemes(JsonNode body) {
        return bind(body, RequestSchema.CORRECT_THEMES, CorrectThemesRequest.class);
    }

    public NameThemeRequest nameTheme(JsonNode body) {
        return bind(body, RequestSchema.NAME_THEME, NameThemeRequest.class);
    }

    /** Our schemas by their {@code $id}, read from the classpath; any other IRI is not ours to serve. */
    private static String schemaText(String iri) {
        if (!iri.startsWith(SCHEMA_IRI_PREFIX)) {
            return null;
        }
        String resource = SCHEMA_RESOURCE_FOLDER + iri.substring(SCHEMA_IRI_PREFIX.length());
        try (InputStream in = BodyBinder.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no schema resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema resource " + resource, e);
        }
    }

    private static String jacksonPath(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? "." + reference.getFieldName()
                        : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining());
        return path.isEmpty() ? "body" : path.startsWith(".") ? path.substring(1) : path;
    }

    /**
     * An RFC 3339 instant with any offset, or a plain date meaning the start of that day (UTC),
     * as people log practice by the day. Case-insensitive because RFC 3339 allows "t" and "z".
     */
    private static final class InstantDeserializer extends StdScalarDeserializer<Instant> {
        private static final long serialVersionUID = 1L;
        private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder().parseCaseInsensitive()
                .append(DateTimeFormatter.ISO_OFFSET_DATE_TIME).toFormatter();

        InstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getValueAsString();
            try {
                return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                        : OffsetDateTime.parse(text, DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                throw context.weirdStringException(text, Instant.class, e.getMessage());
            }
        }
    }
}
