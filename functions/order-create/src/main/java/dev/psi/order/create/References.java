package dev.psi.order.create;

import dev.psi.contract.order.OrderLineRequest;
import dev.psi.contract.problem.FieldError;
import dev.psi.kernel.db.Tx;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.web.ProblemException;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * Checks every reference of an order against the catalog of the same tenant, collecting all
 * problems at once: partner and warehouse must exist and be active, every product too, and a SKU
 * may appear on one line only.
 */
final class References {

    record Product(long id, String sku, String name, BigDecimal salePrice) {
    }

    record Resolved(long partnerId, long warehouseId, List<Product> products) {
    }

    private References() {
    }

    static Resolved resolve(Tx tx, TenantId tenant, String partnerTable, String partnerField, String partnerCode,
                            String warehouseCode, List<OrderLineRequest> lines) throws SQLException {
        var errors = new ArrayList<FieldError>();
        Long partner = active(tx, tenant, partnerTable, "code", partnerCode, partnerField, errors);
        Long warehouse = active(tx, tenant, "warehouses", "code", warehouseCode, "warehouseCode", errors);
        var products = new ArrayList<Product>();
        var seen = new HashMap<String, Integer>();
        for (int i = 0; i < lines.size(); i++) {
            String sku = lines.get(i).sku();
            Integer first = seen.putIfAbsent(sku.toLowerCase(), i);
            if (first != null) {
                errors.add(new FieldError("lines[" + i + "].sku", "SKU '" + sku + "' is already on line " + (first + 1)
                        + "; put the whole quantity on one line"));
                continue;
            }
            var product = tx.one("SELECT id, sku, name, sale_price, active FROM products WHERE tenant_id = ? AND sku = ?",
                    row -> new Object[] {new Product(row.longValue("id"), row.string("sku"), row.string("name"),
                            row.decimal("sale_price")), row.bool("active")}, tenant.value(), sku);
            if (product.isEmpty()) {
                errors.add(new FieldError("lines[" + i + "].sku", "product '" + sku + "' does not exist"));
            } else if (!(Boolean) product.get()[1]) {
                errors.add(new FieldError("lines[" + i + "].sku", "product '" + sku + "' is inactive"));
            } else {
                products.add((Product) product.get()[0]);
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new Resolved(partner, warehouse, products);
    }

    private static Long active(Tx tx, TenantId tenant, String table, String column, String code, String field,
                               List<FieldError> errors) throws SQLException {
        var row = tx.one("SELECT id, active FROM " + table + " WHERE tenant_id = ? AND " + column + " = ?",
                r -> new Object[] {r.longValue("id"), r.bool("active")}, tenant.value(), code);
        String what = table.substring(0, table.length() - 1);
        if (row.isEmpty()) {
            errors.add(new FieldError(field, what + " '" + code + "' does not exist"));
            return null;
        }
        if (!(Boolean) row.get()[1]) {
            errors.add(new FieldError(field, what + " '" + code + "' is inactive"));
            return null;
        }
        return (Long) row.get()[0];
    }
}
