package dev.psi.catalog.settings;

import dev.psi.contract.settings.TaxSettings;
import dev.psi.contract.settings.TaxSettingsRequest;
import dev.psi.kernel.audit.AuditLog;
import dev.psi.kernel.db.Database;
import dev.psi.kernel.db.Tx;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.web.Etags;
import jakarta.inject.Singleton;
import java.math.RoundingMode;
import java.sql.SQLException;

/**
 * The tenant's settings row ({@code tenants}). Most tenants have no row until they change a setting
 * (the tenant comes from the token, nobody registers it): reads then answer the system default at
 * version 0, and the first update creates the row.
 */
@Singleton
final class TenantSettings {

    private static final String WHAT = "Tax settings";

    private final Database database;
    private final AuditLog audit;

    TenantSettings(Database database, AuditLog audit) {
        this.database = database;
        this.audit = audit;
    }

    TaxSettings tax(TenantId tenant) {
        return database.read(tx -> find(tx, tenant));
    }

    TaxSettings updateTax(TenantId tenant, Integer expectedVersion, TaxSettingsRequest request) {
        return database.inTransaction(tx -> {
            // The row at version 0 with the defaults, if there is none yet; a concurrent first update
            // waits on this insert's key lock and then finds the version moved on (412), like any other.
            tx.update("INSERT INTO tenants (id, name) VALUES (?, ?) ON DUPLICATE KEY UPDATE id = id",
                    tenant.value(), tenant.value());
            int updated = tx.update("UPDATE tenants SET default_tax_rate = ?, prices_include_tax = ?,"
                            + " settings_version = settings_version + 1 WHERE id = ?"
                            + (expectedVersion == null ? "" : " AND settings_version = " + expectedVersion.intValue()),
                    request.defaultTaxRate().setScale(2, RoundingMode.UNNECESSARY), request.pricesIncludeTax(),
                    tenant.value());
            if (updated == 0) {
                throw Etags.stale(WHAT, tenant.value(), expectedVersion, find(tx, tenant).version());
            }
            audit.record(tx, tenant, "update", "tax-settings", tenant.value(), request);
            return find(tx, tenant);
        });
    }

    private static TaxSettings find(Tx tx, TenantId tenant) throws SQLException {
        return tx.one("SELECT default_tax_rate, prices_include_tax, settings_version FROM tenants WHERE id = ?",
                        row -> new TaxSettings(row.decimal("default_tax_rate"), row.bool("prices_include_tax"),
                                row.intValue("settings_version")), tenant.value())
                .orElseGet(() -> new TaxSettings(dev.psi.kernel.config.TaxSettings.SYSTEM_DEFAULT.defaultTaxRate(),
                        dev.psi.kernel.config.TaxSettings.SYSTEM_DEFAULT.pricesIncludeTax(), 0));
    }
}
