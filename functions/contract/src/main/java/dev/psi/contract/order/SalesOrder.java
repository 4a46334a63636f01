package dev.psi.contract.order;

import dev.psi.contract.common.Versioned;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** {@code totalAmount} is the gross total (net + tax); {@code discountAmount} the document discount in money. */
@Serdeable
public record SalesOrder(String number, String status, String customerCode, String warehouseCode,
                         @Nullable String rejectionReason, @Nullable String note, BigDecimal totalAmount,
                         BigDecimal netAmount, BigDecimal taxAmount, @Nullable BigDecimal discountPercent,
                         BigDecimal discountAmount, boolean pricesIncludeTax,
                         List<OrderLine> lines, int version, Instant createdAt, Instant updatedAt,
                         @Nullable List<StatusChange> history, @Nullable List<OrderEvent> events) implements Versioned {
}
