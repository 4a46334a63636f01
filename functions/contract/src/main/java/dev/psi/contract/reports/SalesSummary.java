package dev.psi.contract.reports;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What was shipped to customers in a period (net of their returns), grouped by day, month, product,
 * customer or warehouse: from the stock ledger's shipments, at each order line's net unit price. {@code orders}:
 * the distinct orders of the group; by product and by warehouse counted per calendar month and summed.
 */
@Serdeable
public record SalesSummary(String groupBy, LocalDate from, LocalDate to, List<Line> rows, Line total) {

    /** One group: its key (a date, a month, a SKU, a customer or warehouse code) and name. */
    @Serdeable
    public record Line(String key, @Nullable String name, long orders, BigDecimal quantity, BigDecimal revenue) {
    }
}
