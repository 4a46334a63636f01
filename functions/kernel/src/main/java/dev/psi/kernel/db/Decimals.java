package dev.psi.kernel.db;

import java.math.BigDecimal;

/** How PSI shows a decimal: without padding zeros ({@code 50.0000} is {@code 50}) and never in E-notation. */
public final class Decimals {

    private Decimals() {
    }

    public static BigDecimal plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
