package dev.psi.finance.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How finance computes money: documents add their lines, in cents; what part of an order line owes is
 * {@code OrderPricing.share} (kernel), which OrderTerms applies.
 */
public final class Money {

    /** Cents: what an invoice line shows. The DECIMAL(19,4) columns keep room for prices with more digits. */
    public static final int CENTS = 2;

    private Money() {
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
