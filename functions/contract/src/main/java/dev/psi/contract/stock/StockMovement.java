package dev.psi.contract.stock;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One ledger row. {@code quantity} is the on-hand change; {@code balanceAfter} the on-hand
 * quantity after it; {@code valueDelta} the change of stock value (quantity x unit cost).
 */
@Serdeable
public record StockMovement(
        long id,
        String sku,
        String warehouseCode,
        MovementType movementType,
        BigDecimal quantity,
        BigDecimal reservedDelta,
        BigDecimal unitCost,
        BigDecimal valueDelta,
        BigDecimal balanceAfter,
        BigDecimal reservedAfter,
        BigDecimal averageCostAfter,
        @Nullable String reason,
        @Nullable String referenceType,
        @Nullable String referenceNumber,
        @Nullable String eventId,
        Instant createdAt) {
}
