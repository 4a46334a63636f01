package dev.psi.finance.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How finance computes money: what a shipment, receipt or return of part of an order line owes is that part's share of
 * the line's gross amount (after its discounts and the document discount's share, with tax), rounded half up to
 * cents, and the whole gross amount when the whole line moved; documents add their lines.
 */
public final class Money {

    /** Cents: what an invoice line shows. The DECIMAL(19,4) columns keep room for prices with more digits. */
    public static final int CENTS = 2;

    private Money() {
    }

    /** {@code moved} of a line of {@code lineQuantity} that amounts to {@code lineAmount}: its share, in cents ({@link dev.psi.kernel.pricing.OrderPricing#share}). */
    public static BigDecimal share(BigDecimal lineAmount, BigDecimal moved, BigDecimal lineQuantity) {
        return dev.psi.kernel.pricing.OrderPricing.share(lineAmount, moved, lineQuantity);
    }

    /** One unit of a line, at the four decimals the document columns keep. */
    public static BigDecimal unitPrice(BigDecimal lineAmount, BigDecimal lineQuantity) {
        return lineAmount.divide(lineQuantity, 4, RoundingMode.HALF_UP);
    }

    /** Zero when null (a SUM over no rows). */
    public static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    /** {@code value} without trailing zeros, never in exponent form (12.5, not 1.25E+1; 0, not 0E-4). */
    public static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
