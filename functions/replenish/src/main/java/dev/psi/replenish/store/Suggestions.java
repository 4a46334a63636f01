package dev.psi.replenish.store;

import dev.psi.contract.common.Page;
import dev.psi.contract.replenish.Suggestion;
import dev.psi.kernel.db.Database;
import dev.psi.kernel.db.Decimals;
import dev.psi.kernel.db.ListQuery;
import dev.psi.kernel.db.Pages;
import dev.psi.kernel.db.Row;
import dev.psi.kernel.db.Where;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.web.ListParams;
import dev.psi.kernel.web.PageRequest;
import dev.psi.replenish.domain.Shortfall;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.Map;

/** What to order: every active SKU and warehouse whose available stock is below the reorder point, read live. */
@Singleton
public final class Suggestions {

    private static final ListQuery LIST = new ListQuery("s.id, p.sku, p.name, w.code AS warehouse_code,"
            + " s.on_hand - s.reserved AS available, p.reorder_point, p.reorder_quantity, sup.code AS supplier_code,"
            + " (SELECT COALESCE(SUM(GREATEST(l.quantity - l.received_quantity, 0)), 0)"
            + "    FROM purchase_order_lines l JOIN purchase_orders o ON o.id = l.order_id"
            + "   WHERE l.tenant_id = s.tenant_id AND l.product_id = s.product_id AND o.warehouse_id = s.warehouse_id"
            + "     AND o.status IN (" + Replenishments.OPEN_STATES + ")) AS on_order",
            "stock s JOIN products p ON p.id = s.product_id JOIN warehouses w ON w.id = s.warehouse_id"
                    + " LEFT JOIN suppliers sup ON sup.id = p.preferred_supplier_id AND sup.active");
    private static final Map<String, String> SORTS = Map.of("sku", "p.sku", "warehouseCode", "w.code",
            "available", "s.on_hand - s.reserved");

    private final Database database;

    Suggestions(Database database) {
        this.database = database;
    }

    public Page<Suggestion> list(TenantId tenant, PageRequest page, @Nullable String warehouseCode, @Nullable String sku,
                                 @Nullable String supplierCode, @Nullable String sort) {
        String key = sort == null || sort.isBlank() ? "sku" : sort.trim();
        String orderBy = ListParams.orderBy(key, "sku", SORTS, key.startsWith("-") ? "s.id DESC" : "s.id");
        var where = Where.tenant("s.tenant_id", tenant)
                .and("p.active AND p.reorder_point > 0 AND s.on_hand - s.reserved < p.reorder_point")
                .andIf(blankToNull(warehouseCode), "w.code = ?")
                .andIf(blankToNull(sku), "p.sku = ?")
                .andIf(blankToNull(supplierCode), "sup.code = ?");
        return database.read(tx -> Pages.fetch(tx, LIST, where, orderBy, page, Suggestions::row));
    }

    private static Suggestion row(Row row) throws SQLException {
        var shortfall = new Shortfall(row.decimal("available"), row.decimal("reorder_point"),
                row.decimal("reorder_quantity"), row.decimal("on_order"));
        return new Suggestion(row.string("sku"), row.string("name"), row.string("warehouse_code"),
                Decimals.plain(shortfall.available()), Decimals.plain(shortfall.reorderPoint()),
                Decimals.plain(shortfall.reorderQuantity()), Decimals.plain(shortfall.onOrder()),
                Decimals.plain(shortfall.toOrder()), row.string("supplier_code"));
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
