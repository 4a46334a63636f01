package dev.psi.stock.ledger;

import dev.psi.kernel.db.Tx;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.web.ProblemException;
import dev.psi.stock.domain.StockKey;
import jakarta.inject.Singleton;
import java.sql.SQLException;

/** Turns a SKU and a warehouse code of a tenant into the stock row they name. */
@Singleton
public final class StockKeys {

    /** Unknown SKUs and warehouses are the client's mistake, reported on {@code skuField}/{@code warehouseField}. */
    public StockKey resolve(Tx tx, TenantId tenant, String sku, String warehouseCode, String skuField,
                            String warehouseField) throws SQLException {
        var product = tx.one("SELECT id, reorder_point, purchase_price FROM products WHERE tenant_id = ? AND sku = ?",
                row -> new Object[] {row.longValue("id"), row.decimal("reorder_point"), row.decimal("purchase_price")},
                tenant.value(), sku).orElseThrow(() -> ProblemException.invalid(skuField, "product '" + sku + "' does not exist"));
        long warehouseId = warehouseId(tx, tenant, warehouseCode, warehouseField);
        return new StockKey((Long) product[0], warehouseId, sku, warehouseCode,
                (java.math.BigDecimal) product[1], (java.math.BigDecimal) product[2]);
    }

    public long warehouseId(Tx tx, TenantId tenant, String warehouseCode, String field) throws SQLException {
        var warehouse = tx.one("SELECT id, active FROM warehouses WHERE tenant_id = ? AND code = ?",
                        row -> new Object[] {row.longValue("id"), row.bool("active")}, tenant.value(), warehouseCode)
                .orElseThrow(() -> ProblemException.invalid(field, "warehouse '" + warehouseCode + "' does not exist"));
        if (!(Boolean) warehouse[1]) {
            throw ProblemException.invalid(field, "warehouse '" + warehouseCode + "' is inactive");
        }
        return (Long) warehouse[0];
    }
}
