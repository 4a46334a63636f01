package dev.psi.kernel.db;

import dev.psi.contract.problem.FieldError;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The decimal column types of the PSI schema, so that a value computed from valid inputs (a line
 * amount, an order total) is refused with a field error before the database refuses it. What only
 * the database can see (a stock row near its maximum) it refuses itself, and
 * {@link Database} answers that as a 400 too.
 */
public enum Columns {
    /** Quantities: DECIMAL(18,4). */
    QUANTITY(18, 4),
    /** Money: DECIMAL(18,2). */
    MONEY(18, 2),
    /** Unit prices and costs: DECIMAL(19,6). */
    UNIT_PRICE(19, 6);

    private final int scale;
    private final BigDecimal max;

    Columns(int precision, int scale) {
        this.scale = scale;
        this.max = BigDecimal.TEN.pow(precision - scale).subtract(BigDecimal.ONE.movePointLeft(scale));
    }

    /** Whether {@code value}, rounded to the column's scale, fits the column. */
    public boolean fits(BigDecimal value) {
        return value.setScale(scale, RoundingMode.HALF_UP).abs().compareTo(max) <= 0;
    }

    /** Adds a field error for {@code field} when {@code value} does not fit. */
    public void check(String field, BigDecimal value, List<FieldError> errors) {
        if (value != null && !fits(value)) {
            errors.add(new FieldError(field, "is too large: at most " + max.toPlainString()));
        }
    }
}
