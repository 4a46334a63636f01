package dev.psi.contract.inventory;

import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.util.List;

/** Stock value (on-hand x moving-average cost) per warehouse and in total. */
@Serdeable
public record Valuation(List<WarehouseValue> warehouses, BigDecimal totalValue, BigDecimal totalOnHand) {

    @Serdeable
    public record WarehouseValue(String warehouseCode, int skus, BigDecimal onHand, BigDecimal value) {
    }
}
