package dev.psi.stock.document;

import dev.psi.kernel.db.Tx;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.stock.domain.StockKey;
import dev.psi.stock.ledger.MovementContext;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** The records behind movements: stock documents with their lines, and reservations per order. */
@Singleton
final class StockDocuments {

    /** A reservation an order still holds. */
    record Held(long id, StockKey key, BigDecimal quantity) {
    }

    long create(Tx tx, MovementContext ctx, String type, long warehouseId, @Nullable Long toWarehouseId,
                @Nullable String note) throws SQLException {
        return tx.insert("INSERT INTO stock_documents (tenant_id, document_type, number, warehouse_id, to_warehouse_id,"
                        + " reason, note, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ctx.tenant().value(), type, ctx.referenceNumber(), warehouseId, toWarehouseId, ctx.reason(), note,
                ctx.actor(), ctx.at());
    }

    void line(Tx tx, MovementContext ctx, long documentId, int lineNo, StockKey key, BigDecimal quantity,
              @Nullable BigDecimal systemQuantity, @Nullable BigDecimal countedQuantity, BigDecimal unitCost)
            throws SQLException {
        tx.update("INSERT INTO stock_document_lines (tenant_id, document_id, line_no, product_id, quantity,"
                        + " system_quantity, counted_quantity, unit_cost) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                ctx.tenant().value(), documentId, lineNo, key.productId(), quantity, systemQuantity, countedQuantity,
                unitCost);
    }

    boolean hasReservation(Tx tx, TenantId tenant, String documentType, String documentNumber) throws SQLException {
        return tx.count("SELECT COUNT(*) AS n FROM stock_reservations WHERE tenant_id = ? AND document_type = ?"
                + " AND document_number = ?", tenant.value(), documentType, documentNumber) > 0;
    }

    void reserve(Tx tx, MovementContext ctx, String documentType, String documentNumber, StockKey key,
                 BigDecimal quantity) throws SQLException {
        tx.update("INSERT INTO stock_reservations (tenant_id, document_type, document_number, product_id, warehouse_id,"
                        + " quantity, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                ctx.tenant().value(), documentType, documentNumber, key.productId(), key.warehouseId(), quantity,
                ctx.at(), ctx.at());
    }

    /**
     * The order's open reservations, locked, in lock order. The reservation rows are locked on
     * their own table: a locking read over the join would X-lock product and warehouse rows too.
     */
    List<Held> heldReservations(Tx tx, TenantId tenant, String documentType, String documentNumber) throws SQLException {
        var locked = new java.util.HashMap<Long, BigDecimal>();
        for (var row : tx.list("SELECT id, quantity FROM stock_reservations WHERE tenant_id = ? AND document_type = ?"
                        + " AND document_number = ? ORDER BY product_id, warehouse_id FOR UPDATE",
                r -> java.util.Map.entry(r.longValue("id"), r.decimal("quantity")), tenant.value(), documentType, documentNumber)) {
            locked.put(row.getKey(), row.getValue());
        }
        return tx.list("SELECT r.id, r.product_id, r.warehouse_id, p.sku, w.code, p.reorder_point, p.purchase_price"
                        + " FROM stock_reservations r JOIN products p ON p.id = r.product_id"
                        + " JOIN warehouses w ON w.id = r.warehouse_id"
                        + " WHERE r.tenant_id = ? AND r.document_type = ? AND r.document_number = ?"
                        + " ORDER BY r.product_id, r.warehouse_id",
                        row -> new Held(row.longValue("id"),
                                new StockKey(row.longValue("product_id"), row.longValue("warehouse_id"), row.string("sku"),
                                        row.string("code"), row.decimal("reorder_point"), row.decimal("purchase_price")),
                                locked.getOrDefault(row.longValue("id"), BigDecimal.ZERO)),
                        tenant.value(), documentType, documentNumber)
                .stream().filter(held -> held.quantity().signum() > 0).toList();
    }

    void releaseReservation(Tx tx, long id, BigDecimal quantity, Instant now) throws SQLException {
        tx.update("UPDATE stock_reservations SET quantity = quantity - ?, released = released + ?, updated_at = ?"
                + " WHERE id = ?", quantity, quantity, now, id);
    }

    void issueFromReservation(Tx tx, long id, BigDecimal quantity, Instant now) throws SQLException {
        tx.update("UPDATE stock_reservations SET quantity = quantity - ?, issued = issued + ?, updated_at = ?"
                + " WHERE id = ?", quantity, quantity, now, id);
    }
}
