package dev.psi.contract.finance;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One entry of a statement: a document ({@code type} its kind) or a receipt/payment ({@code RECEIPT},
 * {@code PAYMENT}); {@code debit} raises the balance, {@code credit} lowers it; {@code balance} runs.
 */
@Serdeable
public record StatementLine(LocalDate date, String type, String number, @Nullable String orderNumber,
                            @Nullable String sourceDocument, BigDecimal debit, BigDecimal credit, BigDecimal balance) {
}
