package dev.psi.contract.reports;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Products with stock on hand at the end of {@code asOf} that did not sell in the {@code days}
 * before it (DEAD), or sold so little that what is on hand lasts more than {@code coverDays} at
 * that rate (SLOW). Dead stock first, then the longest cover; the value is what is tied up.
 */
@Serdeable
public record SlowMovingStock(LocalDate asOf, int days, int coverDays, List<Line> rows, BigDecimal totalValue) {

    public enum Status { DEAD, SLOW }

    @Serdeable
    public record Line(String sku, String name, Status status, BigDecimal onHand, BigDecimal value,
                       BigDecimal issuedQuantity, @Nullable Instant lastIssueAt, @Nullable BigDecimal daysOfCover) {
    }
}
