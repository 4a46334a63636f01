package dev.psi.order.create;

import dev.psi.contract.order.OrderLineRequest;
import dev.psi.contract.problem.FieldError;
import dev.psi.kernel.db.CatalogTable;
import dev.psi.kernel.db.Keys;
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

    record Product(long id, String sku, String name, BigDecimal salePrice, BigDecimal taxRate) {
    }

    record Resolved(long partnerId, long warehouseId, List<Product> products) {
    }

    private References() {
    }

    static Resolved resolve(Tx tx, TenantId tenant, CatalogTable partnerTable, String partnerField, String partnerCode,
                            String warehouseCode, List<OrderLineRequest> lines) throws SQLException {
        var errors = new ArrayList<FieldError>();
        Long partner = partnerTable.activeId(tx, tenant, partnerCode, partnerField, errors);
        Long warehouse = CatalogTable.WAREHOUSES.activeId(tx, tenant, warehouseCode, "warehouseCode", errors);
        var products = new ArrayList<Product>();
        var seen = new HashMap<String, Integer>();
        for (int i = 0; i < lines.size(); i++) {
            String sku = lines.get(i).sku();
            Integer first = seen.putIfAbsent(Keys.normal(sku), i);
            if (first != null) {
                errors.add(new FieldError("lines[" + i + "].sku", "SKU '" + sku + "' is already on line " + (first + 1)
                        + "; put the whole quantity on one line"));
                continue;
            }
            Long id = CatalogTable.PRODUCTS.activeId(tx, tenant, sku, "lines[" + i + "].sku", errors);
            if (id != null) {
                products.add(tx.one("SELECT id, sku, name, sale_price, tax_rate FROM products WHERE id = ?",
                        row -> new Product(row.longValue("id"), row.string("sku"), row.string("name"),
                                row.decimal("sale_price"), row.decimal("tax_rate")), id).orElseThrow());
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new Resolved(partner, warehouse, products);
    }
}
