package dev.psi.catalog.shared;

import dev.psi.kernel.db.Tx;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.web.Etags;
import dev.psi.kernel.web.ProblemException;
import java.sql.SQLException;

/**
 * What the catalog's tables share: a code-like key per tenant, a version for optimistic locking and
 * an active flag. An update names the version it read; zero rows updated means the row is gone
 * (404) or another update came first (412).
 */
public record Versioned(String table, String keyColumn, String what) {

    /** Explains why a versioned UPDATE matched no row. Always throws. */
    public ProblemException whyNotUpdated(Tx tx, TenantId tenant, String key, int expectedVersion) throws SQLException {
        var current = tx.one("SELECT version FROM " + table + " WHERE tenant_id = ? AND " + keyColumn + " = ?",
                row -> row.intValue("version"), tenant.value(), key);
        return current.isEmpty()
                ? ProblemException.notFound(what, key)
                : Etags.stale(what, key, expectedVersion, current.get());
    }

    /** Sets the active flag (a new version); {@code expectedVersion} is checked when given. */
    public void setActive(Tx tx, TenantId tenant, String key, boolean active, Integer expectedVersion,
                          java.time.Instant now) throws SQLException {
        int updated = expectedVersion == null
                ? tx.update("UPDATE " + table + " SET active = ?, version = version + 1, updated_at = ?"
                        + " WHERE tenant_id = ? AND " + keyColumn + " = ?", active, now, tenant.value(), key)
                : tx.update("UPDATE " + table + " SET active = ?, version = version + 1, updated_at = ?"
                        + " WHERE tenant_id = ? AND " + keyColumn + " = ? AND version = ?",
                        active, now, tenant.value(), key, expectedVersion);
        if (updated == 0) {
            throw whyNotUpdated(tx, tenant, key, expectedVersion == null ? -1 : expectedVersion);
        }
    }

    /** The id of an active row of this table, or a field error naming {@code field}. */
    public long activeId(Tx tx, TenantId tenant, String key, String field) throws SQLException {
        var row = tx.one("SELECT id, active FROM " + table + " WHERE tenant_id = ? AND " + keyColumn + " = ?",
                r -> new Object[] {r.longValue("id"), r.bool("active")}, tenant.value(), key);
        if (row.isEmpty()) {
            throw ProblemException.invalid(field, what + " '" + key + "' does not exist");
        }
        if (!(Boolean) row.get()[1]) {
            throw ProblemException.invalid(field, what + " '" + key + "' is inactive");
        }
        return (Long) row.get()[0];
    }
}
