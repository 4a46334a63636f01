package dev.psi.kernel.config;

import dev.psi.kernel.db.Tx;
import dev.psi.kernel.tenant.TenantId;
import java.math.BigDecimal;
import java.sql.SQLException;

/**
 * A tenant's tax settings ({@code tenants.default_tax_rate}, {@code tenants.prices_include_tax}):
 * the rate of a product without its own, and whether entered prices include tax. A tenant without a
 * row (never in practice) gets the system default: 0 % and tax-exclusive prices.
 */
public record TaxSettings(BigDecimal defaultTaxRate, boolean pricesIncludeTax) {

    public static final TaxSettings SYSTEM_DEFAULT = new TaxSettings(BigDecimal.ZERO.setScale(2), false);

    /** The settings of {@code tenant}, read in {@code tx}. */
    public static TaxSettings of(Tx tx, TenantId tenant) throws SQLException {
        return tx.one("SELECT default_tax_rate, prices_include_tax FROM tenants WHERE id = ?",
                row -> new TaxSettings(row.decimal("default_tax_rate"), row.bool("prices_include_tax")), tenant.value())
                .orElse(SYSTEM_DEFAULT);
    }

    /** The rate of a line: its own, else its product's, else the tenant's default. */
    public BigDecimal rate(BigDecimal line, BigDecimal product) {
        return line != null ? line : product != null ? product : defaultTaxRate;
    }
}
