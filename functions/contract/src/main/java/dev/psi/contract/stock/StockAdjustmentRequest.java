package dev.psi.contract.stock;

import dev.psi.contract.validation.Chars;
import dev.psi.contract.catalog.Codes;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * A manual change of one SKU in one warehouse: {@code quantity} is signed (+ in, - out, never 0).
 * {@code unitCost} prices an increase; without it the current average cost (or, for stock that has
 * none, the product's purchase price) is used.
 */
@Serdeable
public record StockAdjustmentRequest(
        @NotBlank @Size(max = 64) @Pattern(regexp = Codes.PATTERN, message = Codes.MESSAGE) String warehouseCode,
        @NotBlank @Chars(max = 64) String sku,
        @NotNull @Digits(integer = 14, fraction = 4) BigDecimal quantity,
        @NotNull AdjustmentReason reason,
        @Nullable @DecimalMin("0") @Digits(integer = 13, fraction = 6) BigDecimal unitCost,
        @Nullable @Chars(max = 1000) String note) {
}
