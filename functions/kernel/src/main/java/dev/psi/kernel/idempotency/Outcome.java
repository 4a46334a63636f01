package dev.psi.kernel.idempotency;

import io.micronaut.core.annotation.Nullable;

/**
 * What a command answered: the response body and, when it made a new resource, that resource's
 * path (the {@code Location}). The status (201, 200, 202) belongs to the endpoint, not here.
 */
public record Outcome<T>(T body, @Nullable String location) {

    public static <T> Outcome<T> of(T body) {
        return new Outcome<>(body, null);
    }

    public static <T> Outcome<T> created(T body, String location) {
        return new Outcome<>(body, location);
    }
}
