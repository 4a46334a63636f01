package dev.psi.contract.finance;

import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * An amount of a receipt, payment or credit/debit note ({@code from}) applied to a document ({@code to}) on
 * {@code date} (the date of the payment or note).
 */
@Serdeable
public record Allocation(String from, String to, LocalDate date, BigDecimal amount) {
}
