package dev.psi.contract.order;

import dev.psi.contract.validation.Chars;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;

/** A document discount is {@code discountPercent} or {@code discountAmount}, not both; it is shared out over the lines. */
@Serdeable
public record SalesOrderRequest(
        @NotBlank @Chars(max = 64) String customerCode,
        @NotBlank @Chars(max = 64) String warehouseCode,
        @Nullable @Chars(max = 1000) String note,
        @NotEmpty(message = "an order needs at least one line") @Size(max = 500) List<@NotNull @Valid OrderLineRequest> lines,
        @Nullable @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 2) BigDecimal discountPercent,
        @Nullable @DecimalMin("0") @Digits(integer = 16, fraction = 2) BigDecimal discountAmount) {
}
