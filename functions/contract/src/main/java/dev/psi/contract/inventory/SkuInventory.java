package dev.psi.contract.inventory;

import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.util.List;

/** A SKU across warehouses, with the total; {@code averageCost} of the total is value / onHand. */
@Serdeable
public record SkuInventory(String sku, String productName, String unit, List<InventoryRow> warehouses, Total total) {

    @Serdeable
    public record Total(BigDecimal onHand, BigDecimal reserved, BigDecimal available, BigDecimal averageCost,
                        BigDecimal value) {
    }
}
