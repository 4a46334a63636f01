package dev.psi.contract.reports;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Revenue minus the cost of goods recorded on each issue movement of the ledger (a customer return
 * takes both back), per product or per sales order. The margin is profit / revenue in percent,
 * null without revenue.
 */
@Serdeable
public record GrossProfit(String groupBy, LocalDate from, LocalDate to, List<Line> rows, Line total) {

    @Serdeable
    public record Line(String key, @Nullable String name, BigDecimal quantity, BigDecimal revenue, BigDecimal cost,
                       BigDecimal profit, @Nullable BigDecimal marginPercent) {
    }
}
