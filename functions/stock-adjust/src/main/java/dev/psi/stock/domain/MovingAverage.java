package dev.psi.stock.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The moving-average cost rule: a receipt of q at cost c onto n at average a gives
 * (n*a + q*c) / (n + q), to 6 decimals. The ledger applies the same formula inside its single
 * UPDATE; this is its statement for people and unit tests.
 */
public final class MovingAverage {

    public static final int SCALE = 6;

    private MovingAverage() {
    }

    public static BigDecimal afterReceipt(BigDecimal onHand, BigDecimal average, BigDecimal quantity, BigDecimal unitCost) {
        BigDecimal total = onHand.add(quantity);
        if (total.signum() <= 0) {
            return average;
        }
        return onHand.multiply(average).add(quantity.multiply(unitCost)).divide(total, SCALE, RoundingMode.HALF_UP);
    }
}
