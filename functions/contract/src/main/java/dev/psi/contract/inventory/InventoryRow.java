package dev.psi.contract.inventory;

import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;

/** Stock of one SKU in one warehouse. {@code value} = onHand x averageCost, to the cent. */
@Serdeable
public record InventoryRow(String sku, String productName, String category, String warehouseCode,
                           BigDecimal onHand, BigDecimal reserved, BigDecimal available, BigDecimal averageCost,
                           BigDecimal value, BigDecimal reorderPoint, boolean belowReorderPoint) {
}
