package dev.psi.replenish.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How much to order for a SKU in a warehouse: enough to bring available stock plus what is already
 * on open purchase orders up to reorder point + reorder quantity. Nothing when that is already
 * covered, so a second low event for the same shortfall orders nothing more.
 *
 * <p>Example: reorder point 10, reorder quantity 50, 4 available, 20 on an open order:
 * 10 + 50 - 4 - 20 = 36.
 */
public record Shortfall(BigDecimal available, BigDecimal reorderPoint, BigDecimal reorderQuantity, BigDecimal onOrder) {

    /** The quantity to draft (scale 4, as the order lines store it); zero or less means none. */
    public BigDecimal toOrder() {
        return reorderPoint.add(reorderQuantity).subtract(available).subtract(onOrder).max(BigDecimal.ZERO)
                .setScale(4, RoundingMode.UP);
    }

    public boolean covered() {
        return toOrder().signum() == 0;
    }
}
