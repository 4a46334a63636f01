package dev.psi.contract.stock;

import dev.psi.contract.validation.Chars;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;

/** A SKU and a positive quantity. */
@Serdeable
public record StockLineRequest(
        @NotBlank @Chars(max = 64) String sku,
        @NotNull @DecimalMin(value = "0", inclusive = false, message = "must be greater than 0") @Digits(integer = 14, fraction = 4) BigDecimal quantity) {
}
