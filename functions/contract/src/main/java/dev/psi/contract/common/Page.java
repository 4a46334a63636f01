package dev.psi.contract.common;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** One page of a list. {@code page} counts from 0. */
@Serdeable
public record Page<T>(List<T> items, int page, int size, long totalItems, int totalPages) {

    public static <T> Page<T> of(List<T> items, int page, int size, long totalItems) {
        return new Page<>(List.copyOf(items), page, size, totalItems, (int) ((totalItems + size - 1) / size));
    }
}
