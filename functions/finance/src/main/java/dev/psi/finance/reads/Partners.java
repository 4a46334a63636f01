package dev.psi.finance.reads;

import dev.psi.contract.finance.Side;
import dev.psi.kernel.db.Tx;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.web.ProblemException;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Customers and suppliers as the catalog keeps them. An inactive partner still has an account: money owed
 * is still owed, so this looks codes up whether active or not.
 */
@Singleton
public final class Partners {

    public static String what(Side side) {
        return side == Side.RECEIVABLE ? "customer" : "supplier";
    }

    public boolean exists(Tx tx, TenantId tenant, Side side, String code) throws SQLException {
        return stored(tx, tenant, side, code).isPresent();
    }

    /** The code as the catalog spells it. */
    public String code(Tx tx, TenantId tenant, Side side, String code) throws SQLException {
        return stored(tx, tenant, side, code).orElseThrow(() -> ProblemException.notFound(what(side), code));
    }

    private static Optional<String> stored(Tx tx, TenantId tenant, Side side, String code) throws SQLException {
        String table = side == Side.RECEIVABLE ? "customers" : "suppliers";
        return tx.one("SELECT code FROM " + table + " WHERE tenant_id = ? AND code = ?", row -> row.string("code"),
                tenant.value(), code);
    }
}
