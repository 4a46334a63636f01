package dev.psi.contract.order;

import dev.psi.contract.validation.Chars;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;

/** An order line: a SKU, a positive quantity and a unit price (for sales, defaulting to the product's sale price). */
@Serdeable
public record OrderLineRequest(
        @NotBlank @Chars(max = 64) String sku,
        @NotNull @DecimalMin(value = "0", inclusive = false, message = "must be greater than 0") @Digits(integer = 14, fraction = 4) BigDecimal quantity,
        @Nullable @DecimalMin("0") @Digits(integer = 16, fraction = 2) BigDecimal unitPrice) {
}
