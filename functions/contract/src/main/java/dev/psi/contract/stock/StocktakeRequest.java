package dev.psi.contract.stock;

import dev.psi.contract.validation.Chars;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;

/** Counted quantities of a warehouse; each difference to the books becomes a gain or loss movement. */
@Serdeable
public record StocktakeRequest(
        @NotBlank @Chars(max = 64) String warehouseCode,
        @Nullable @Chars(max = 1000) String note,
        @NotEmpty @Size(max = 2000) List<@NotNull @Valid Line> lines) {

    @Serdeable
    public record Line(
            @NotBlank @Chars(max = 64) String sku,
            @NotNull @DecimalMin("0") @Digits(integer = 14, fraction = 4) BigDecimal countedQuantity) {
    }
}
