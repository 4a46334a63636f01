package dev.psi.stock.reservation;

import dev.psi.kernel.db.Tx;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.stock.domain.StockKey;
import dev.psi.stock.ledger.MovementContext;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What each order still holds reserved, per stock row: so that release and issue act on exactly that. */
@Singleton
final class Reservations {

    /** A reservation an order still holds. */
    record Held(long id, StockKey key, BigDecimal quantity, @Nullable BigDecimal netUnitPrice) {

        /** What issuing {@code issued} of it books as revenue: quantity x net unit price, to the cent (null: unpriced). */
        @Nullable
        BigDecimal netAmount(BigDecimal issued) {
            return netUnitPrice == null ? null : issued.multiply(netUnitPrice).setScale(2, RoundingMode.HALF_UP);
        }
    }

    boolean exists(Tx tx, TenantId tenant, String documentType, String documentNumber) throws SQLException {
        return tx.count("SELECT COUNT(*) AS n FROM stock_reservations WHERE tenant_id = ? AND document_type = ?"
                + " AND document_number = ?", tenant.value(), documentType, documentNumber) > 0;
    }

    /** Holds {@code quantity} for the document; {@code netUnitPrice} prices its issues (null: unpriced). */
    void add(Tx tx, MovementContext ctx, StockKey key, BigDecimal quantity, @Nullable BigDecimal netUnitPrice)
            throws SQLException {
        tx.update("INSERT INTO stock_reservations (tenant_id, document_type, document_number, product_id, warehouse_id,"
                        + " quantity, net_unit_price, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ctx.tenant().value(), ctx.referenceType(), ctx.referenceNumber(), key.productId(), key.warehouseId(),
                quantity, netUnitPrice, ctx.at(), ctx.at());
    }

    /**
     * The order's open reservations, locked, in lock order. The reservation rows are locked on
     * their own table: a locking read over the join would X-lock product and warehouse rows too.
     */
    List<Held> held(Tx tx, TenantId tenant, String documentType, String documentNumber) throws SQLException {
        var locked = new HashMap<Long, BigDecimal>();
        for (var row : tx.list("SELECT id, quantity FROM stock_reservations WHERE tenant_id = ? AND document_type = ?"
                        + " AND document_number = ? ORDER BY product_id, warehouse_id FOR UPDATE",
                r -> Map.entry(r.longValue("id"), r.decimal("quantity")), tenant.value(), documentType, documentNumber)) {
            locked.put(row.getKey(), row.getValue());
        }
        return tx.list("SELECT r.id, r.product_id, r.warehouse_id, r.net_unit_price, p.sku, w.code, p.reorder_point,"
                        + " p.purchase_price"
                        + " FROM stock_reservations r JOIN products p ON p.id = r.product_id"
                        + " JOIN warehouses w ON w.id = r.warehouse_id"
                        + " WHERE r.tenant_id = ? AND r.document_type = ? AND r.document_number = ?"
                        + " ORDER BY r.product_id, r.warehouse_id",
                        row -> new Held(row.longValue("id"),
                                new StockKey(row.longValue("product_id"), row.longValue("warehouse_id"), row.string("sku"),
                                        row.string("code"), row.decimal("reorder_point"), row.decimal("purchase_price")),
                                locked.getOrDefault(row.longValue("id"), BigDecimal.ZERO), row.decimal("net_unit_price")),
                        tenant.value(), documentType, documentNumber)
                .stream().filter(held -> held.quantity().signum() > 0).toList();
    }

    void released(Tx tx, Held held, Instant now) throws SQLException {
        tx.update("UPDATE stock_reservations SET quantity = quantity - ?, released = released + ?, updated_at = ?"
                + " WHERE id = ?", held.quantity(), held.quantity(), now, held.id());
    }

    void issued(Tx tx, Held held, BigDecimal quantity, Instant now) throws SQLException {
        tx.update("UPDATE stock_reservations SET quantity = quantity - ?, issued = issued + ?, updated_at = ?"
                + " WHERE id = ?", quantity, quantity, now, held.id());
    }
}
