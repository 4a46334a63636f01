package dev.psi.contract.reports;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Stock on hand and its value at the end of a past day, per SKU and warehouse, summed from the
 * ledger (every movement's value is the change of its row's value, so the sums are exact).
 */
@Serdeable
public record StockValuation(LocalDate asOf, @Nullable String warehouseCode, List<Line> rows, BigDecimal totalOnHand,
                             BigDecimal totalValue) {

    /** The average cost is value / on-hand, null for nothing on hand. */
    @Serdeable
    public record Line(String sku, String name, String warehouseCode, BigDecimal onHand, BigDecimal value,
                       @Nullable BigDecimal averageCost) {
    }
}
