package dev.psi.stock.domain;

import java.math.BigDecimal;

/** The rules of a count. */
public final class Stocktakes {

    private Stocktakes() {
    }

    /** Counted minus booked: a gain (盘盈) when positive, a loss (盘亏) when negative. */
    public static BigDecimal variance(BigDecimal booked, BigDecimal counted) {
        return counted.subtract(booked);
    }

    /** A count may not fall below what is promised to orders: that stock must be there. */
    public static boolean coversReservations(BigDecimal counted, BigDecimal reserved) {
        return counted.compareTo(reserved) >= 0;
    }

    /**
     * The cost at which found stock enters the books: the current moving average, or, for stock
     * that never had one, the product's purchase price.
     */
    public static BigDecimal gainCost(BigDecimal averageCost, BigDecimal onHand, BigDecimal purchasePrice) {
        return onHand.signum() == 0 && averageCost.signum() == 0 ? purchasePrice : averageCost;
    }
}
