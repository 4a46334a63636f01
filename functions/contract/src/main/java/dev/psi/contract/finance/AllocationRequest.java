package dev.psi.contract.finance;

import dev.psi.contract.validation.Chars;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;

/** Apply {@code amount} of a receipt or payment to the document {@code documentNumber}. */
@Serdeable
public record AllocationRequest(
        @NotBlank @Chars(max = 32) String documentNumber,
        @NotNull @DecimalMin(value = "0", inclusive = false, message = "must be greater than 0")
        @Digits(integer = 15, fraction = 4) BigDecimal amount) {
}
