package dev.psi.contract.catalog;

import dev.psi.contract.validation.Chars;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * Creates or replaces a product. The SKU is the product's identity: a PUT may repeat it but not
 * change it. Prices have at most 2 decimals, reorder figures at most 4. {@code taxRate} (percent,
 * 0 to 100) is the product's own; null: the tenant's default rate.
 */
@Serdeable
public record ProductRequest(
        @NotBlank @Size(max = 64) @Pattern(regexp = Codes.PATTERN, message = Codes.MESSAGE) String sku,
        @NotBlank @Chars(max = 200) String name,
        @NotBlank @Chars(max = 32) String unit,
        @Nullable @Size(max = 64) @Pattern(regexp = "[0-9A-Za-z-]*", message = "must contain only letters, digits and '-'") String barcode,
        @Nullable @Chars(max = 100) String category,
        @Nullable @DecimalMin("0") @Digits(integer = 16, fraction = 2) BigDecimal purchasePrice,
        @Nullable @DecimalMin("0") @Digits(integer = 16, fraction = 2) BigDecimal salePrice,
        @Nullable @DecimalMin("0") @Digits(integer = 14, fraction = 4) BigDecimal reorderPoint,
        @Nullable @DecimalMin("0") @Digits(integer = 14, fraction = 4) BigDecimal reorderQuantity,
        @Nullable @Chars(max = 64) String preferredSupplierCode,
        @Nullable @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 2) BigDecimal taxRate,
        @Nullable Integer version) {
}
