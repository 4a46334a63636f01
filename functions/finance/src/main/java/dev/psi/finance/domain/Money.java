package dev.psi.finance.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How finance computes money: a line is quantity x unit price, rounded half up to cents; documents add their lines. */
public final class Money {

    /** Cents: what an invoice line shows. The DECIMAL(19,4) columns keep room for prices with more digits. */
    public static final int CENTS = 2;

    private Money() {
    }

    public static BigDecimal line(BigDecimal quantity, BigDecimal unitPrice) {
        return quantity.multiply(unitPrice).setScale(CENTS, RoundingMode.HALF_UP);
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
