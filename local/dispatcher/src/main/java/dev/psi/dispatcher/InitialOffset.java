package dev.psi.dispatcher;

import java.util.Locale;

/** {@code spec.initialOffset} of a KafkaSource: where a consumer group without committed offsets starts. */
public enum InitialOffset {
    EARLIEST,
    /** Knative's default when the manifest says nothing. */
    LATEST;

    /** The value of the consumer's {@code auto.offset.reset}. */
    public String autoOffsetReset() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static InitialOffset parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "earliest" -> EARLIEST;
            case "latest" -> LATEST;
            default -> throw new IllegalArgumentException("initialOffset must be earliest or latest, got '" + value + "'");
        };
    }
}
