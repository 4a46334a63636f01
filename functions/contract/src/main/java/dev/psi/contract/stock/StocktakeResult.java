package dev.psi.contract.stock;

import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.util.List;

/** A stocktake: per SKU the book quantity, the count and the variance (盘盈 > 0, 盘亏 < 0). */
@Serdeable
public record StocktakeResult(String number, String warehouseCode, List<Variance> variances,
                              List<StockMovement> movements) {

    @Serdeable
    public record Variance(String sku, BigDecimal systemQuantity, BigDecimal countedQuantity, BigDecimal variance,
                           BigDecimal unitCost, BigDecimal valueDelta) {
    }
}
