package dev.psi.contract.finance;

import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A partner's documents and payments dated from {@code from} to {@code to} (inclusive) with a running balance. */
@Serdeable
public record Statement(Side side, String partnerCode, LocalDate from, LocalDate to, BigDecimal openingBalance,
                        List<StatementLine> lines, BigDecimal closingBalance) {
}
