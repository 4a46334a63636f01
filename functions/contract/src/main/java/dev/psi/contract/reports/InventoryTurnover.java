package dev.psi.contract.reports;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * How often stock turned over in a period, per product and in total: turnover is the cost of goods
 * sold / the average stock value ((opening + closing) / 2), days of inventory the period's days /
 * turnover (the average value / the cost of goods sold per day). Either is null where it would
 * divide by zero.
 */
@Serdeable
public record InventoryTurnover(LocalDate from, LocalDate to, int days, List<Line> rows, Line total) {

    @Serdeable
    public record Line(String sku, @Nullable String name, BigDecimal openingValue, BigDecimal closingValue,
                       BigDecimal averageValue, BigDecimal costOfGoodsSold, @Nullable BigDecimal turnover,
                       @Nullable BigDecimal daysOfInventory) {
    }
}
