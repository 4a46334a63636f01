package dev.psi.contract.settings;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;

/** Replaces a tenant's tax settings: both fields, a rate of 0 to 100 with at most 2 decimals. */
@Serdeable
public record TaxSettingsRequest(
        @NotNull @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 2) BigDecimal defaultTaxRate,
        @NotNull Boolean pricesIncludeTax,
        @Nullable Integer version) {
}
