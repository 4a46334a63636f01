package dev.psi.contract.stock;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

@Serdeable
public record TransferResult(String number, String fromWarehouseCode, String toWarehouseCode,
                             List<StockMovement> movements) {
}
