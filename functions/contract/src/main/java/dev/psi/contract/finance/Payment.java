package dev.psi.contract.finance;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A receipt from a customer (side RECEIVABLE) or a payment to a supplier (PAYABLE), with its allocations. */
@Serdeable
public record Payment(String number, Side side, String partnerCode, LocalDate date, BigDecimal amount,
                      BigDecimal allocated, BigDecimal unallocated, @Nullable String reference, @Nullable String note,
                      List<Allocation> allocations, Instant createdAt) {
}
