package dev.psi.contract.replenish;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;

/**
 * A SKU in a warehouse whose available stock is below its reorder point: what is on open purchase
 * orders (DRAFT, PENDING_APPROVAL, SUBMITTED, PARTIALLY_RECEIVED; ordered less received) and what
 * still to order to reach reorder point + reorder quantity ({@code suggestedQuantity}, 0 when the open
 * orders cover it).
 */
@Serdeable
public record Suggestion(String sku, String name, String warehouseCode, BigDecimal available, BigDecimal reorderPoint,
                         BigDecimal reorderQuantity, BigDecimal onOrder, BigDecimal suggestedQuantity,
                         @Nullable String supplierCode) {
}
