package dev.psi.contract.order;

import dev.psi.contract.validation.Chars;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;

/**
 * An order line: a SKU, a positive quantity and a unit price (for sales, defaulting to the product's sale
 * price; tax-inclusive when the tenant's prices include tax). {@code taxRate} (percent) overrides the
 * product's rate; a line discount is {@code discountPercent} or {@code discountAmount}, not both.
 */
@Serdeable
public record OrderLineRequest(
        @NotBlank @Chars(max = 64) String sku,
        @NotNull @DecimalMin(value = "0", inclusive = false, message = "must be greater than 0") @Digits(integer = 14, fraction = 4) BigDecimal quantity,
        @Nullable @DecimalMin("0") @Digits(integer = 16, fraction = 2) BigDecimal unitPrice,
        @Nullable @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 2) BigDecimal taxRate,
        @Nullable @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 2) BigDecimal discountPercent,
        @Nullable @DecimalMin("0") @Digits(integer = 16, fraction = 2) BigDecimal discountAmount) {
}
