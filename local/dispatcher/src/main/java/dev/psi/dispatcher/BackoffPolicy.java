package dev.psi.dispatcher;

import java.time.Duration;
import java.util.Locale;

/** {@code spec.delivery.backoffPolicy} of a KafkaSource. */
public enum BackoffPolicy {
    /** Waits {@code backoffDelay * n} before retry n (n = 1, 2, ...). */
    LINEAR,
    /** Waits {@code backoffDelay * 2^n} before retry n (n = 1, 2, ...), as Knative's Kafka data plane does. */
    EXPONENTIAL;

    /** The wait before retry number {@code retry} (1 for the first retry, that is the second attempt). */
    public Duration delay(Duration backoffDelay, int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry numbers start at 1, got " + retry);
        }
        return switch (this) {
            case LINEAR -> backoffDelay.multipliedBy(retry);
            case EXPONENTIAL -> backoffDelay.multipliedBy(1L << Math.min(retry, 30));
        };
    }

    /** Parses the manifest value ({@code linear} or {@code exponential}, case-insensitive). */
    public static BackoffPolicy parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "linear" -> LINEAR;
            case "exponential" -> EXPONENTIAL;
            default -> throw new IllegalArgumentException(
                    "backoffPolicy must be linear or exponential, got '" + value + "'");
        };
    }

    public String manifestValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
