package dev.psi.inventory;

import dev.psi.contract.common.Page;
import dev.psi.contract.inventory.InventoryRow;
import dev.psi.contract.inventory.SkuInventory;
import dev.psi.contract.inventory.Valuation;
import dev.psi.contract.stock.MovementType;
import dev.psi.contract.stock.StockMovement;
import dev.psi.kernel.db.Database;
import dev.psi.kernel.db.Decimals;
import dev.psi.kernel.db.ListQuery;
import dev.psi.kernel.db.Pages;
import dev.psi.kernel.db.Row;
import dev.psi.kernel.db.Tx;
import dev.psi.kernel.db.Where;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.web.ListParams;
import dev.psi.kernel.web.PageRequest;
import dev.psi.kernel.web.ProblemException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;

/**
 * The SQL of inventory-query. A SKU's own view reads the primary, because it must never lag a
 * committed change (the cache in front of it guarantees the same); lists, the ledger, low stock
 * and valuation read the replica when DATABASE_REPLICA_HOST names one.
 */
@Singleton
final class InventoryReads {

    private static final ListQuery ROWS = new ListQuery("p.sku, p.name, p.category, p.reorder_point,"
            + " w.code AS warehouse_code, s.on_hand, s.reserved, s.average_cost",
            "stock s JOIN products p ON p.id = s.product_id JOIN warehouses w ON w.id = s.warehouse_id");
    private static final ListQuery MOVEMENTS = new ListQuery("m.*, w.code AS warehouse_code",
            "stock_movements m JOIN warehouses w ON w.id = m.warehouse_id");

    /** How inventory lists may be sorted; the SKU (then warehouse) unless asked otherwise. */
    private static final Map<String, String> ROW_SORTS = Map.of("sku", "p.sku", "warehouseCode", "w.code",
            "onHand", "s.on_hand", "available", "s.on_hand - s.reserved", "shortfall", "p.reorder_point - (s.on_hand - s.reserved)");

    private final Database primary;
    private final Database replica;

    InventoryReads(Database primary, @Named("replica") Database replica) {
        this.primary = primary;
        this.replica = replica;
    }

    SkuInventory sku(TenantId tenant, String sku) {
        return primary.read(tx -> {
            var product = product(tx, tenant, sku);
            var rows = tx.list(ROWS.select() + " WHERE s.tenant_id = ? AND s.product_id = ? ORDER BY w.code",
                    InventoryReads::row, tenant.value(), product.id());
            return SkuInventory.of(product.sku(), product.name(), product.unit(), rows, total(rows));
        });
    }

    Page<InventoryRow> list(TenantId tenant, PageRequest page, InventoryFilter filter) {
        var where = Where.tenant("s.tenant_id", tenant)
                .andIf(filter.warehouseCode(), "w.code = ?")
                .andIf(filter.sku(), "p.sku = ?")
                .andIf(filter.category(), "p.category = ?")
                .search(filter.q(), "p.sku", "p.name");
        if (Boolean.TRUE.equals(filter.belowReorder())) {
            where.and("s.on_hand - s.reserved < p.reorder_point");
        } else if (Boolean.FALSE.equals(filter.belowReorder())) {
            where.and("s.on_hand - s.reserved >= p.reorder_point");
        }
        if (!filter.includeEmpty()) {
            where.and("(s.on_hand > 0 OR s.reserved > 0 OR p.reorder_point > 0)");
        }
        String orderBy = ListParams.orderBy(filter.sort(), "sku", ROW_SORTS, "w.code, s.id");
        return replica.read(tx -> Pages.fetch(tx, ROWS, where, orderBy, page, InventoryReads::row));
    }

    record InventoryFilter(@Nullable String warehouseCode, @Nullable String sku, @Nullable String category,
                           @Nullable Boolean belowReorder, @Nullable String q, boolean includeEmpty,
                           @Nullable String sort) {
    }

    Page<InventoryRow> lowStock(TenantId tenant, PageRequest page, @Nullable String warehouseCode, @Nullable String sort) {
        var where = Where.tenant("s.tenant_id", tenant).andIf(warehouseCode, "w.code = ?")
                .and("p.active = TRUE").and("s.on_hand - s.reserved < p.reorder_point");
        // The largest shortfall first unless asked otherwise.
        String orderBy = ListParams.orderBy(sort, "-shortfall", ROW_SORTS, "p.sku, w.code, s.id");
        return replica.read(tx -> Pages.fetch(tx, ROWS, where, orderBy, page, InventoryReads::row));
    }

    Page<StockMovement> movements(TenantId tenant, String sku, PageRequest page, @Nullable String warehouseCode,
                                  @Nullable Instant from, @Nullable Instant to, @Nullable MovementType type) {
        return replica.read(tx -> {
            var product = product(tx, tenant, sku);
            var where = Where.tenant("m.tenant_id", tenant).and("m.product_id = ?", product.id())
                    .andIf(warehouseCode, "w.code = ?")
                    .andIf(from, "m.created_at >= ?")
                    .andIf(to, "m.created_at < ?")
                    .andIf(type, "m.movement_type = ?");
            return Pages.fetch(tx, MOVEMENTS, where, "ORDER BY m.id DESC", page,
                    row -> movement(row, product.sku()));
        });
    }

    Valuation valuation(TenantId tenant, @Nullable String warehouseCode) {
        var where = Where.tenant("s.tenant_id", tenant).andIf(warehouseCode, "w.code = ?");
        return replica.read(tx -> {
            var warehouses = tx.list("SELECT w.code, SUM(CASE WHEN s.on_hand > 0 THEN 1 ELSE 0 END) AS skus,"
                            + " SUM(s.on_hand) AS on_hand, SUM(ROUND(s.on_hand * s.average_cost, 2)) AS value"
                            + " FROM stock s JOIN warehouses w ON w.id = s.warehouse_id" + where.sql()
                            + " GROUP BY w.code ORDER BY w.code",
                    row -> new Valuation.WarehouseValue(row.string("code"), row.intValue("skus"),
                            row.decimal("on_hand"), row.decimal("value").setScale(2, RoundingMode.HALF_UP)),
                    where.args());
            BigDecimal value = warehouses.stream().map(Valuation.WarehouseValue::value).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
            BigDecimal onHand = warehouses.stream().map(Valuation.WarehouseValue::onHand).reduce(BigDecimal.ZERO, BigDecimal::add);
            return new Valuation(warehouses, value, onHand);
        });
    }

    private static InventoryRow row(Row row) throws SQLException {
        BigDecimal onHand = row.decimal("on_hand");
        BigDecimal reserved = row.decimal("reserved");
        BigDecimal available = onHand.subtract(reserved);
        BigDecimal averageCost = row.decimal("average_cost");
        BigDecimal reorderPoint = row.decimal("reorder_point");
        return new InventoryRow(row.string("sku"), row.string("name"), row.string("category"), row.string("warehouse_code"),
                onHand, reserved, available, averageCost, value(onHand, averageCost), reorderPoint,
                available.compareTo(reorderPoint) < 0);
    }

    /** The product a SKU names, as stored: the answer names it so, whatever case the client typed. */
    private record Product(long id, String sku, String name, String unit) {
    }

    private static Product product(Tx tx, TenantId tenant, String sku) throws SQLException {
        return tx.one("SELECT id, sku, name, unit FROM products WHERE tenant_id = ? AND sku = ?",
                        row -> new Product(row.longValue("id"), row.string("sku"), row.string("name"), row.string("unit")),
                        tenant.value(), sku)
                .orElseThrow(() -> ProblemException.notFound("Product", sku));
    }

    /**
     * Totals from the unrounded figures (on-hand times average cost per row), rounded only for the
     * answer: an average taken from cent-rounded values drifts from every row's own.
     */
    private static SkuInventory.Total total(java.util.List<InventoryRow> rows) {
        BigDecimal onHand = BigDecimal.ZERO;
        BigDecimal reserved = BigDecimal.ZERO;
        BigDecimal exactValue = BigDecimal.ZERO;
        for (InventoryRow row : rows) {
            onHand = onHand.add(row.onHand());
            reserved = reserved.add(row.reserved());
            exactValue = exactValue.add(row.onHand().multiply(row.averageCost()));
        }
        BigDecimal averageCost = onHand.signum() == 0 ? BigDecimal.ZERO
                : Decimals.plain(exactValue.divide(onHand, 6, RoundingMode.HALF_UP));
        return new SkuInventory.Total(onHand, reserved, onHand.subtract(reserved), averageCost,
                exactValue.setScale(2, RoundingMode.HALF_UP));
    }

    private static StockMovement movement(Row row, String sku) throws SQLException {
        return new StockMovement(row.longValue("id"), sku, row.string("warehouse_code"),
                MovementType.valueOf(row.string("movement_type")), row.decimal("on_hand_delta"),
                row.decimal("reserved_delta"), row.decimal("unit_cost"), row.decimal("value_delta"),
                row.decimal("on_hand_after"), row.decimal("reserved_after"), row.decimal("average_cost_after"),
                row.string("reason"), row.string("reference_type"), row.string("reference_number"),
                row.string("event_id"), row.instant("created_at"));
    }

    private static BigDecimal value(BigDecimal onHand, BigDecimal averageCost) {
        return onHand.multiply(averageCost).setScale(2, RoundingMode.HALF_UP);
    }

}
