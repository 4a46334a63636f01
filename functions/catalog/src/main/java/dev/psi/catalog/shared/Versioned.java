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

    /**
     * The condition an UPDATE adds for the version the client read; none for {@code If-Match: *}
     * (any current version). An int literal, not user text.
     */
    public static String versionCheck(Integer expectedVersion) {
        return expectedVersion == null ? "" : " AND version = " + expectedVersion.intValue();
    }

    /** Explains why a versioned UPDATE matched no row. Always throws. */
    public ProblemException whyNotUpdated(Tx tx, TenantId tenant, String key, Integer expectedVersion) throws SQLException {
        var current = tx.one("SELECT version FROM " + table + " WHERE tenant_id = ? AND " + keyColumn + " = ?",
                row -> row.intValue("version"), tenant.value(), key);
        return current.isEmpty() || expectedVersion == null
                ? ProblemException.notFound(what, key)
                : Etags.stale(what, key, expectedVersion, current.get());
    }

    /** Sets the active flag (a new version); {@code expectedVersion} is checked when given. */
    public void setActive(Tx tx, TenantId tenant, String key, boolean active, Integer expectedVersion,
                          java.time.Instant now) throws SQLException {
        int updated = tx.update("UPDATE " + table + " SET active = ?, version = version + 1, updated_at = ?"
                + " WHERE tenant_id = ? AND " + keyColumn + " = ?" + versionCheck(expectedVersion),
                active, now, tenant.value(), key);
        if (updated == 0) {
            throw whyNotUpdated(tx, tenant, key, expectedVersion);
        }
    }
}
