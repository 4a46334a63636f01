package dev.psi.contract.catalog;

import dev.psi.contract.common.Versioned;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

@Serdeable
public record Warehouse(
        String code,
        String name,
        @Nullable String address,
        boolean active,
        int version,
        Instant createdAt,
        Instant updatedAt) implements Versioned {
}
