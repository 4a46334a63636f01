package dev.psi.replenish.store;

import dev.psi.contract.order.OrderStatus.Purchase;
import dev.psi.kernel.config.TaxSettings;
import dev.psi.kernel.db.DocumentNumbers;
import dev.psi.kernel.db.Tx;
import dev.psi.kernel.metrics.BusinessMetrics;
import dev.psi.kernel.pricing.OrderPricing;
import dev.psi.kernel.tenant.TenantId;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The write side of replenishment: the per (tenant, product, warehouse) lock, the open purchase
 * quantity, and the draft purchase order with its one line and first history entry.
 */
@Singleton
public final class Replenishments {

    /** The states of an order whose not yet received quantity is still coming. */
    public static final String OPEN_STATES = "'" + Purchase.DRAFT + "', '" + Purchase.PENDING_APPROVAL + "', '"
            + Purchase.SUBMITTED + "', '" + Purchase.PARTIALLY_RECEIVED + "'";

    private final BusinessMetrics metrics;
    private final Clock clock;

    Replenishments(BusinessMetrics metrics, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The product as replenishment needs it; supplierId 0 when it has no active preferred supplier. */
    public record Product(long id, String sku, BigDecimal purchasePrice, BigDecimal reorderPoint,
                          BigDecimal reorderQuantity, long supplierId, boolean active, BigDecimal taxRate) {
    }

    public Optional<Product> product(Tx tx, TenantId tenant, String sku) throws SQLException {
        return tx.one("SELECT p.id, p.sku, p.purchase_price, p.reorder_point, p.reorder_quantity, p.active,"
                        + " p.tax_rate, COALESCE(s.id, 0) AS supplier_id FROM products p"
                        + " LEFT JOIN suppliers s ON s.id = p.preferred_supplier_id AND s.active"
                        + " WHERE p.tenant_id = ? AND p.sku = ?",
                row -> new Product(row.longValue("id"), row.string("sku"), row.decimal("purchase_price"),
                        row.decimal("reorder_point"), row.decimal("reorder_quantity"), row.longValue("supplier_id"),
                        row.bool("active"), row.decimal("tax_rate")),
                tenant.value(), sku);
    }

    public Optional<Long> warehouseId(Tx tx, TenantId tenant, String code) throws SQLException {
        return tx.one("SELECT id FROM warehouses WHERE tenant_id = ? AND code = ?", row -> row.longValue("id"),
                tenant.value(), code);
    }

    /**
     * Locks (tenant, SKU, warehouse) for the rest of the transaction; a concurrent decision for the same
     * SKU and warehouse waits here until this one has committed. It must come before the transaction's
     * first plain read: under REPEATABLE READ the snapshot starts there, so every read after the lock
     * sees the drafts that the waited-for transaction committed (ReplenishIT races four lows to hold it).
     */
    public void lock(Tx tx, TenantId tenant, String sku, String warehouseCode) throws SQLException {
        Instant now = clock.instant();
        tx.update("INSERT INTO replenishment_locks (tenant_id, sku, warehouse_code, checked_at) VALUES (?, ?, ?, ?)"
                + " ON DUPLICATE KEY UPDATE checked_at = ?", tenant.value(), sku, warehouseCode, now, now);
    }

    /** Ordered and not yet received on the product's open purchase orders into the warehouse. */
    public BigDecimal onOrder(Tx tx, TenantId tenant, long productId, long warehouseId) throws SQLException {
        return tx.one("SELECT COALESCE(SUM(GREATEST(l.quantity - l.received_quantity, 0)), 0) AS open_quantity"
                        + " FROM purchase_order_lines l JOIN purchase_orders o ON o.id = l.order_id"
                        + " WHERE l.tenant_id = ? AND l.product_id = ? AND o.warehouse_id = ? AND o.status IN (" + OPEN_STATES + ")",
                row -> row.decimal("open_quantity"), tenant.value(), productId, warehouseId).orElse(BigDecimal.ZERO);
    }

    /** A DRAFT purchase order of one line at the product's purchase price; its number. */
    public String draft(Tx tx, TenantId tenant, Product product, long supplierId, long warehouseId, BigDecimal quantity,
                        String note, String eventId, String eventType) throws SQLException {
        Instant now = clock.instant();
        String number = DocumentNumbers.next(tx, tenant, "PO", now);
        // Priced as order-create prices an order: the product's rate, else the tenant's, no discounts.
        var settings = TaxSettings.of(tx, tenant);
        BigDecimal rate = settings.rate(null, product.taxRate());
        var priced = OrderPricing.price(List.of(new OrderPricing.LineInput(quantity, product.purchasePrice(), rate,
                null, null)), OrderPricing.DocumentDiscount.NONE, settings.pricesIncludeTax());
        var line = priced.lines().get(0);
        var totals = priced.totals();
        long id = tx.insert("INSERT INTO purchase_orders (tenant_id, number, supplier_id, warehouse_id, status, note,"
                        + " total_amount, net_amount, tax_amount, prices_include_tax, created_by, replenished_from,"
                        + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                tenant.value(), number, supplierId, warehouseId, Purchase.DRAFT.name(), note, totals.grossAmount(),
                totals.netAmount(), totals.taxAmount(), settings.pricesIncludeTax(), "replenish", eventId, now, now);
        tx.update("INSERT INTO purchase_order_lines (tenant_id, order_id, line_no, product_id, quantity, unit_price,"
                + " tax_rate, net_amount, tax_amount, gross_amount, net_unit_price) VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?)",
                tenant.value(), id, product.id(), quantity, product.purchasePrice(), rate, line.netAmount(),
                line.taxAmount(), line.grossAmount(), line.netUnitPrice());
        tx.update("INSERT INTO order_status_history (tenant_id, order_kind, order_number, from_status, to_status, reason,"
                        + " event_id, event_type, created_at) VALUES (?, 'PURCHASE', ?, NULL, ?, ?, ?, ?, ?)",
                tenant.value(), number, Purchase.DRAFT.name(), note, eventId, eventType, now);
        metrics.orderReached(tx, "purchase", Purchase.DRAFT.name());
        return number;
    }
}
