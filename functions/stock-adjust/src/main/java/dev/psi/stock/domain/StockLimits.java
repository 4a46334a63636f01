package dev.psi.stock.domain;

import java.math.BigDecimal;

/** The largest on-hand quantity and stock value the stock tables hold (DECIMAL(18,4) and DECIMAL(18,2)). */
public final class StockLimits {

    public static final BigDecimal MAX_QUANTITY = new BigDecimal("99999999999999.9999");
    public static final BigDecimal MAX_VALUE = new BigDecimal("9999999999999999.99");

    private StockLimits() {
    }

    public static boolean valueFits(BigDecimal value) {
        return value.abs().compareTo(MAX_VALUE) <= 0;
    }
}
