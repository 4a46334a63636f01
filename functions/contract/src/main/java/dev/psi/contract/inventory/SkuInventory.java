package dev.psi.contract.inventory;

import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.util.List;

/**
 * A SKU across warehouses, with the total; {@code averageCost} of the total is value / onHand. The
 * total's figures also stand at the top level, where a client reading "the SKU's stock" looks first.
 */
@Serdeable
public record SkuInventory(String sku, String productName, String unit, BigDecimal onHand, BigDecimal reserved,
                           BigDecimal available, BigDecimal averageCost, BigDecimal value,
                           List<InventoryRow> warehouses, Total total) {

    public static SkuInventory of(String sku, String productName, String unit, List<InventoryRow> warehouses, Total total) {
        return new SkuInventory(sku, productName, unit, total.onHand(), total.reserved(), total.available(),
                total.averageCost(), total.value(), warehouses, total);
    }

    @Serdeable
    public record Total(BigDecimal onHand, BigDecimal reserved, BigDecimal available, BigDecimal averageCost,
                        BigDecimal value) {
    }
}
