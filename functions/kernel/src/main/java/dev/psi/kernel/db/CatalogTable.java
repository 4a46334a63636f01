package dev.psi.kernel.db;

import dev.psi.contract.problem.FieldError;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.web.ProblemException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalog's tables as every function reads them when a request names an entry by its code:
 * the one "find the active row by code" lookup. A missing or inactive entry is the client's
 * mistake, reported on the request field that named it.
 */
public enum CatalogTable {
    PRODUCTS("products", "sku", "product"),
    WAREHOUSES("warehouses", "code", "warehouse"),
    SUPPLIERS("suppliers", "code", "supplier"),
    CUSTOMERS("customers", "code", "customer");

    private final String table;
    private final String keyColumn;
    private final String what;

    CatalogTable(String table, String keyColumn, String what) {
        this.table = table;
        this.keyColumn = keyColumn;
        this.what = what;
    }

    private record Entry(long id, boolean active) {
    }

    /** The id of the active entry {@code code} names, or null after adding the field error to {@code errors}. */
    public Long activeId(Tx tx, TenantId tenant, String code, String field, List<FieldError> errors) throws SQLException {
        var entry = tx.one("SELECT id, active FROM " + table + " WHERE tenant_id = ? AND " + keyColumn + " = ?",
                row -> new Entry(row.longValue("id"), row.bool("active")), tenant.value(), code);
        if (entry.isEmpty()) {
            errors.add(new FieldError(field, what + " '" + code + "' does not exist"));
            return null;
        }
        if (!entry.get().active()) {
            errors.add(new FieldError(field, what + " '" + code + "' is inactive"));
            return null;
        }
        return entry.get().id();
    }

    /** The id of the active entry {@code code} names; else a 400 on {@code field}. */
    public long requireActive(Tx tx, TenantId tenant, String code, String field) throws SQLException {
        var errors = new ArrayList<FieldError>();
        Long id = activeId(tx, tenant, code, field, errors);
        if (id == null) {
            throw ProblemException.invalid(errors);
        }
        return id;
    }
}
