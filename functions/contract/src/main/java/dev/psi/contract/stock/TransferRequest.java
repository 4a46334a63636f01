package dev.psi.contract.stock;

import dev.psi.contract.validation.Chars;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Moves stock between two warehouses, every line or none, at the source's average cost. */
@Serdeable
public record TransferRequest(
        @NotBlank @Chars(max = 64) String fromWarehouseCode,
        @NotBlank @Chars(max = 64) String toWarehouseCode,
        @Nullable @Chars(max = 1000) String note,
        @NotEmpty @Size(max = 500) List<@NotNull @Valid StockLineRequest> lines) {
}
