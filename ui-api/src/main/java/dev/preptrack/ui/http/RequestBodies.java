package dev.preptrack.ui.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preptrack.tracker.app.InvalidRequestException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads a JSON or text request body within a size limit. The limit is enforced while reading, so a
 * chunked body with no declared length is cut off at the limit rather than buffered whole:
 * memory stays flat whatever a client sends.
 */
final class RequestBodies {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private RequestBodies() {
    }

    /** A body that may be left out entirely: then an empty object. */
    static JsonNode optionalJson(Context ctx, int maxBytes) {
        if (ctx.req().getContentLengthLong() == 0 || ctx.contentType() == null && ctx.req().getContentLengthLong() < 0
                && ctx.header("Transfer-Encoding") == null) {
            return JSON.createObjectNode();
        }
        return json(ctx, maxBytes);
    }

    static JsonNode json(Context ctx, int maxBytes) {
        String contentType = ctx.contentType();
        if (contentType == null || !isJson(contentType)) {
            throw new UnsupportedMediaTypeException(contentType);
        }
        byte[] body = bytes(ctx, maxBytes);
        if (body.length == 0) {
            throw InvalidRequestException.of("body", "is empty; send a JSON object");
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw InvalidRequestException.of("body", "is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A text body (UTF-8) of one of the media types a route takes. */
    static String text(Context ctx, int maxBytes, java.util.Set<String> mediaTypes) {
        String contentType = ctx.contentType();
        String mediaType = contentType == null ? null : contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        if (mediaType == null || !mediaTypes.contains(mediaType)) {
            throw new UnsupportedMediaTypeException(contentType, String.join(" or ", new java.util.TreeSet<>(mediaTypes)));
        }
        byte[] body = bytes(ctx, maxBytes);
        if (body.length == 0) {
            throw InvalidRequestException.of("body", "is empty; send the notes");
        }
        return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] bytes(Context ctx, int maxBytes) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw new BodyTooLargeException(maxBytes);
        }
        byte[] body;
        try (InputStream in = ctx.req().getInputStream()) {
            body = in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body", e);
        }
        if (body.length > maxBytes) {
            throw new BodyTooLargeException(maxBytes);
        }
        return body;
    }

    private static boolean isJson(String contentType) {
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    /** 413: the body is larger than the route accepts. */
    static final class BodyTooLargeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BodyTooLargeException(int maxBytes) {
            super("the request body is larger than " + maxBytes + " bytes");
        }
    }

    /** 415: the body is not declared as JSON. */
    static final class UnsupportedMediaTypeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnsupportedMediaTypeException(String contentType) {
            this(contentType, "application/json");
        }

        UnsupportedMediaTypeException(String contentType, String expected) {
            super("send the body as " + expected + " (Content-Type is " + (contentType == null ? "missing" : "'"
                    + contentType + "'") + ")");
        }
    }
}
