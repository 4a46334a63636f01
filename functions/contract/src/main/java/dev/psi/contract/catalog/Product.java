package dev.psi.contract.catalog;

import dev.psi.contract.common.Versioned;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;

@Serdeable
public record Product(
        String sku,
        String name,
        String unit,
        @Nullable String barcode,
        @Nullable String category,
        BigDecimal purchasePrice,
        BigDecimal salePrice,
        BigDecimal reorderPoint,
        BigDecimal reorderQuantity,
        @Nullable String preferredSupplierCode,
        @Nullable BigDecimal taxRate,
        boolean active,
        int version,
        Instant createdAt,
        Instant updatedAt) implements Versioned {
}
