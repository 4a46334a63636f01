package dev.psi.kernel.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.psi.contract.problem.ProblemType;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.io.buffer.ByteBuffer;
import io.micronaut.core.type.Argument;
import io.micronaut.core.type.Headers;
import io.micronaut.http.MediaType;
import io.micronaut.http.body.MessageBodyReader;
import io.micronaut.http.codec.CodecException;
import io.micronaut.json.body.JsonMessageHandler;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A JSON request body is one JSON value and nothing after it. Micronaut's reader stops at the end of the first
 * value, so {@code {"sku":"A"}}} or {@code {"sku":"A"} {"sku":"B"}} would be taken as the first object and the rest
 * dropped unread: what a client sent would not be what was stored. This reader (ahead of Micronaut's, which it then
 * hands the body to) refuses such a body with a 400 naming where the extra text starts; whitespace after the value
 * is fine. Bodies that do not parse at all are left to Micronaut's reader and its error.
 */
@Singleton
@Order(JsonMessageHandler.ORDER - 1)
@JsonMessageHandler.ConsumesJson
final class WholeJsonBodies<T> implements MessageBodyReader<T> {

    private static final JsonFactory FACTORY = new JsonFactory();

    private final JsonMessageHandler<T> json;

    @SuppressWarnings("unchecked")
    WholeJsonBodies(JsonMessageHandler<?> json) {
        this.json = (JsonMessageHandler<T>) json;
    }

    @Override
    public boolean isReadable(Argument<T> type, MediaType mediaType) {
        return json.isReadable(type, mediaType);
    }

    @Override
    public T read(Argument<T> type, MediaType mediaType, Headers headers, ByteBuffer<?> body) throws CodecException {
        byte[] bytes = body.toByteArray();
        refuseTrailingText(bytes);
        return json.read(type, mediaType, headers, new ByteArrayInputStream(bytes));
    }

    @Override
    public T read(Argument<T> type, MediaType mediaType, Headers headers, InputStream body) throws CodecException {
        byte[] bytes;
        try {
            bytes = body.readAllBytes();
        } catch (IOException e) {
            throw new CodecException("cannot read the request body: " + e.getMessage(), e);
        }
        refuseTrailingText(bytes);
        return json.read(type, mediaType, headers, new ByteArrayInputStream(bytes));
    }

    static void refuseTrailingText(byte[] bytes) {
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            try {
                if (parser.nextToken() == null) {
                    return; // an empty body: Micronaut's reader says what is missing
                }
                parser.skipChildren();
            } catch (JsonProcessingException e) {
                return; // not JSON at all: Micronaut's reader reports it
            }
            JsonLocation end = parser.currentLocation();
            boolean trailing;
            try {
                trailing = parser.nextToken() != null;
            } catch (JsonProcessingException e) {
                trailing = true;
            }
            if (trailing) {
                throw new ProblemException(ProblemType.MALFORMED, "the body must be one JSON value: text follows it at line "
                        + end.getLineNr() + ", column " + end.getColumnNr());
            }
        } catch (IOException e) {
            throw new CodecException("cannot read the request body: " + e.getMessage(), e);
        }
    }
}
