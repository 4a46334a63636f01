package dev.psi.dispatcher;

import java.util.Locale;

/** {@code spec.ordering} of a KafkaSource. */
public enum Ordering {
    /** One record at a time per partition, the next only after the previous one is done (Knative's default). */
    ORDERED,
    /**
     * Knative delivers a partition's records concurrently. The dispatcher delivers them in order anyway (stricter
     * than declared, never looser) and says so when it starts.
     */
    UNORDERED;

    public static Ordering parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "ordered" -> ORDERED;
            case "unordered" -> UNORDERED;
            default -> throw new IllegalArgumentException("ordering must be ordered or unordered, got '" + value + "'");
        };
    }
}
