package dev.psi.contract.catalog;

import dev.psi.contract.common.Versioned;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** A supplier or a customer. */
@Serdeable
public record Partner(
        String code,
        String name,
        @Nullable String contact,
        @Nullable String phone,
        @Nullable String email,
        @Nullable String address,
        boolean active,
        int version,
        Instant createdAt,
        Instant updatedAt) implements Versioned {
}
