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
 * text. These deserializers (replacing the built-in ones) take a number only as a JSON number (a decimal
 * also as a string of plain decimal digits), text
 * only as a JSON string and a flag only as true or false, so a wrong type is a 400 naming the field
 * ({@link BodyErrors}) rather than a value the client never sent.
 */
@Factory
final class StrictScalars {

    /** A value of the right JSON type that still cannot be taken, with the reason {@link BodyErrors} gives the client. */
    static final class Refused extends io.micronaut.serde.exceptions.SerdeException {
        Refused(String reason) {
            super(reason);
        }
    }

    private static final java.util.regex.Pattern PLAIN_DECIMAL = java.util.regex.Pattern.compile("-?\\d{1,40}(\\.\\d{1,40})?");

    @Singleton
    @Primary
    Deserializer<BigDecimal> decimals() {
        return new Deserializer<>() {
            @Override
            public BigDecimal deserialize(Decoder decoder, DecoderContext context, Argument<? super BigDecimal> type)
                    throws IOException {
                JsonNode node = decoder.decodeNode();
                if (node.isNumber()) {
                    return exact(decoder, node);
                }
                // Money may also be written as a decimal string ("12.50"): clients in JavaScript keep
                // exact digits that way. Only plain decimal digits, never "twelve", "1e3" or "true".
                if (node.isString() && PLAIN_DECIMAL.matcher(node.getStringValue().trim()).matches()) {
                    return new BigDecimal(node.getStringValue().trim());
                }
                throw decoder.createDeserializationException("must be a number", null);
            }
        };
    }

    /**
     * The decimal the client wrote. Micronaut's tree holds a JSON number with a fraction as a {@code double}, which
     * keeps every decimal of at most 15 significant digits exactly (each such decimal is the only one of its length
     * that rounds to that double), so the value rounded to 15 digits is the one sent. A number that needs more digits
     * cannot be told from its neighbours and is refused, never silently changed: it can be sent as a decimal string.
     */
    private static BigDecimal exact(Decoder decoder, JsonNode node) throws IOException {
        Number number = node.getNumberValue();
        if (!(number instanceof Double || number instanceof Float)) {
            return node.getBigDecimalValue(); // integers and big decimals are held exactly
        }
        double binary = number.doubleValue();
        if (!Double.isFinite(binary)) {
            throw decoder.createDeserializationException("must be a number", null);
        }
        BigDecimal decimal = new BigDecimal(binary).round(SIGNIFICANT).stripTrailingZeros();
        if (decimal.doubleValue() != binary) {
            throw new Refused("has more than " + SIGNIFICANT.getPrecision()
                    + " significant digits: send it as a decimal string, e.g. \"12345678901234.5678\"");
        }
        return decimal.scale() < 0 ? decimal.setScale(0) : decimal;
    }

    private static final java.math.MathContext SIGNIFICANT = new java.math.MathContext(15);

    @Singleton
    @Primary
    Deserializer<Integer> integers() {
        return wholeNumbers(BigDecimal::intValueExact);
    }

    @Singleton
    @Primary
    Deserializer<Long> longs() {
        return wholeNumbers(BigDecimal::longValueExact);
    }

    /** A JSON number without a fraction that fits the type ({@code exact} throws when it does not). */
    private static <N extends Number> Deserializer<N> wholeNumbers(java.util.function.Function<BigDecimal, N> exact) {
        return new Deserializer<>() {
            @Override
            public N deserialize(Decoder decoder, DecoderContext context, Argument<? super N> type) throws IOException {
                JsonNode node = decoder.decodeNode();
                if (!node.isNumber()) {
                    throw decoder.createDeserializationException("must be a number", null);
                }
                try {
                    return exact.apply(node.getBigDecimalValue());
                } catch (ArithmeticException e) {
                    throw new Refused("must be a whole number that fits");
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
