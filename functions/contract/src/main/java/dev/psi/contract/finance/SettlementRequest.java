package dev.psi.contract.finance;

import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** What a receipt and a payment have in common: a partner, a date, an amount and its allocations. */
public interface SettlementRequest {

    String partnerCode();

    /** The JSON field that names the partner (customerCode, supplierCode), for field errors. */
    String partnerField();

    @Nullable
    LocalDate date();

    BigDecimal amount();

    @Nullable
    String reference();

    @Nullable
    String note();

    List<AllocationRequest> allocations();
}
