package dev.psi.contract.order;

import dev.psi.contract.validation.Chars;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;

/** A receipt, shipment or return: lines of SKU and quantity (a shipment without lines ships the rest). */
@Serdeable
public record QuantityLinesRequest(
        @Nullable @Size(max = 500) List<@NotNull @Valid Line> lines,
        @Nullable @Chars(max = 1000) String note) {

    @Serdeable
    public record Line(
            @NotBlank @Chars(max = 64) String sku,
            @NotNull @DecimalMin(value = "0", inclusive = false, message = "must be greater than 0") @Digits(integer = 14, fraction = 4) BigDecimal quantity) {
    }
}
