package dev.psi.contract.order;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

@Serdeable
public record PurchaseOrderRequest(
        @NotBlank @Size(max = 64) String supplierCode,
        @NotBlank @Size(max = 64) String warehouseCode,
        @Nullable LocalDate expectedDate,
        @Nullable @Size(max = 1000) String note,
        @NotEmpty(message = "an order needs at least one line") @Size(max = 500) List<@Valid OrderLineRequest> lines) {
}
