package dev.psi.contract.reports;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What was received from suppliers in a period (net of returns to them), grouped by supplier or
 * product: from the stock ledger's receipts, priced at each order line's unit price.
 */
@Serdeable
public record PurchaseSummary(String groupBy, LocalDate from, LocalDate to, List<Line> rows, Line total) {

    @Serdeable
    public record Line(String key, @Nullable String name, long orders, BigDecimal quantity, BigDecimal amount) {
    }
}
