package dev.psi.kernel.web;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Strict request bodies: micronaut-serde would coerce {@code true} into 1 or "true" and a number into
 * text. These deserializers (replacing the built-in ones) take a number only as a JSON number, text
 * only as a JSON string and a flag only as true or false, so a wrong type is a 400 naming the field
 * ({@link BodyErrors}) rather than a value the client never sent.
 */
@Factory
final class StrictScalars {

    @Singleton
    @Primary
    Deserializer<BigDecimal> decimals() {
        return new Deserializer<>() {
            @Override
            public BigDecimal deserialize(Decoder decoder, DecoderContext context, Argument<? super BigDecimal> type)
                    throws IOException {
                JsonNode node = decoder.decodeNode();
                if (!node.isNumber()) {
                    throw decoder.createDeserializationException("must be a number", null);
                }
                return node.getBigDecimalValue();
            }
        };
    }

    @Singleton
    @Primary
    Deserializer<Integer> integers() {
        return new Deserializer<>() {
            @Override
            public Integer deserialize(Decoder decoder, DecoderContext context, Argument<? super Integer> type)
                    throws IOException {
                JsonNode node = decoder.decodeNode();
                if (!node.isNumber()) {
                    throw decoder.createDeserializationException("must be a number", null);
                }
                try {
                    return node.getBigDecimalValue().intValueExact();
                } catch (ArithmeticException e) {
                    throw decoder.createDeserializationException("must be a whole number", null);
                }
            }
        };
    }

    @Singleton
    @Primary
    Deserializer<Long> longs() {
        return new Deserializer<>() {
            @Override
            public Long deserialize(Decoder decoder, DecoderContext context, Argument<? super Long> type)
                    throws IOException {
                JsonNode node = decoder.decodeNode();
                if (!node.isNumber()) {
                    throw decoder.createDeserializationException("must be a number", null);
                }
                try {
                    return node.getBigDecimalValue().longValueExact();
                } catch (ArithmeticException e) {
                    throw decoder.createDeserializationException("must be a whole number", null);
                }
            }
        };
    }

    @Singleton
    @Primary
    Deserializer<String> texts() {
        return new Deserializer<>() {
            @Override
            public String deserialize(Decoder decoder, DecoderContext context, Argument<? super String> type)
                    throws IOException {
                JsonNode node = decoder.decodeNode();
                if (!node.isString()) {
                    throw decoder.createDeserializationException("must be text", null);
                }
                return node.getStringValue();
            }
        };
    }

    @Singleton
    @Primary
    Deserializer<Boolean> flags() {
        return new Deserializer<>() {
            @Override
            public Boolean deserialize(Decoder decoder, DecoderContext context, Argument<? super Boolean> type)
                    throws IOException {
                JsonNode node = decoder.decodeNode();
                if (!node.isBoolean()) {
                    throw decoder.createDeserializationException("must be true or false", null);
                }
                return node.getBooleanValue();
            }
        };
    }
}
