package dev.psi.contract.finance;

import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;

/**
 * A partner's balance: {@code invoiced} (invoices or bills) minus {@code credited} (credit or debit notes) minus
 * {@code paid} (receipts or payments). Positive: the customer owes us, or we owe the supplier.
 */
@Serdeable
public record Balance(Side side, String partnerCode, BigDecimal invoiced, BigDecimal credited, BigDecimal paid,
                      BigDecimal balance, long openDocuments) {
}
