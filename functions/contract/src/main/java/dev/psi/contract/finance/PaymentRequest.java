package dev.psi.contract.finance;

import dev.psi.contract.catalog.Codes;
import dev.psi.contract.validation.Chars;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Money paid to a supplier ({@code date}: the value date, default today), applied to one or several of
 * the supplier's bills; the allocations may add up to less than {@code amount} (the rest is on account),
 * never to more.
 */
@Serdeable
public record PaymentRequest(
        @NotBlank @Size(max = 64) @Pattern(regexp = Codes.PATTERN, message = Codes.MESSAGE) String supplierCode,
        @Nullable LocalDate date,
        @NotNull @DecimalMin(value = "0", inclusive = false, message = "must be greater than 0")
        @Digits(integer = 15, fraction = 4) BigDecimal amount,
        @Nullable @Chars(max = 100) String reference,
        @Nullable @Chars(max = 1000) String note,
        @NotEmpty @Size(max = 200) List<@NotNull @Valid AllocationRequest> allocations) implements SettlementRequest {

    @Override
    public String partnerCode() {
        return supplierCode;
    }

    @Override
    public String partnerField() {
        return "supplierCode";
    }
}
