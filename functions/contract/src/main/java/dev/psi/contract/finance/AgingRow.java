package dev.psi.contract.finance;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;

/**
 * What is open as of a date, by the age of its documents in days: 0-30, 31-60, 61-90, over 90.
 * {@code unapplied} is credit not yet applied to a document (notes, receipts or payments on account);
 * {@code balance} = the four buckets minus {@code unapplied}. {@code partnerCode} is null on the total row.
 */
@Serdeable
public record AgingRow(@Nullable String partnerCode, BigDecimal days0To30, BigDecimal days31To60,
                       BigDecimal days61To90, BigDecimal over90, BigDecimal unapplied, BigDecimal balance) {
}
