package dev.psi.order.workflow.store;

import dev.psi.kernel.db.Tx;
import dev.psi.kernel.metrics.BusinessMetrics;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.web.ProblemException;
import dev.psi.order.workflow.domain.Kind;
import dev.psi.order.workflow.domain.Order;
import dev.psi.order.workflow.domain.OrderLineState;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The write side of orders, for both kinds: lock an order, move its line quantities in and out of
 * flight, change its status with a history entry. Every change locks the order first.
 */
@Singleton
public final class OrderRepository {

    private final BusinessMetrics metrics;
    private final Clock clock;

    OrderRepository(BusinessMetrics metrics, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * The order with its lines. Only the order's own row is locked (every change of an order locks
     * it first, so that serialises them); a locking read over a join would also X-lock the joined
     * product and warehouse rows, which every stock insert S-locks through its foreign keys.
     */
    public Optional<Order> lock(Tx tx, TenantId tenant, Kind kind, String number) throws SQLException {
        var tables = OrderTables.of(kind);
        var header = tx.one("SELECT id, status, warehouse_id FROM " + tables.orders()
                        + " WHERE tenant_id = ? AND number = ? FOR UPDATE",
                row -> new Header(row.longValue("id"), kind.status(row.string("status")), row.longValue("warehouse_id")),
                tenant.value(), number);
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String warehouseCode = tx.one("SELECT code FROM warehouses WHERE id = ?", row -> row.string("code"),
                header.get().warehouseId()).orElseThrow();
        var lines = tx.list("SELECT l.id, l.line_no, p.sku, l.quantity, l.unit_price, l." + tables.doneColumn() + " AS done,"
                        + " l.returned_quantity, l.pending_quantity, l.pending_return_quantity, "
                        + (kind == Kind.SALES ? "l.unit_cost" : "COALESCE(l.net_unit_price, l.unit_price) AS unit_cost")
                        + ", l.tax_rate, l.tax_amount, COALESCE(l.net_amount, ROUND(l.quantity * l.unit_price, 2)) AS net_amount"
                        + " FROM " + tables.lines() + " l JOIN products p ON p.id = l.product_id"
                        + " WHERE l.order_id = ? ORDER BY l.line_no",
                row -> new OrderLineState(row.longValue("id"), row.intValue("line_no"), row.string("sku"),
                        row.decimal("quantity"), row.decimal("unit_price"), row.decimal("done"),
                        row.decimal("returned_quantity"), row.decimal("pending_quantity"),
                        row.decimal("pending_return_quantity"), row.decimal("unit_cost"), row.decimal("tax_rate"),
                        row.decimal("net_amount"), row.decimal("tax_amount")),
                header.get().id());
        return Optional.of(new Order(kind, header.get().id(), number, header.get().status(), warehouseCode, lines));
    }

    private record Header(long id, Enum<?> status, long warehouseId) {
    }

    /** The order locked, or 404. */
    public Order require(Tx tx, TenantId tenant, Kind kind, String number) throws SQLException {
        return lock(tx, tenant, kind, number).orElseThrow(() -> ProblemException.notFound(kind.what(), number));
    }

    /** Moves the order to {@code to}, recording why and which event did it. */
    public void changeStatus(Tx tx, TenantId tenant, Order order, Enum<?> to, StatusCause cause) throws SQLException {
        var now = clock.instant();
        if (order.kind() == Kind.SALES && cause.reason() != null && "REJECTED".equals(to.name())) {
            tx.update("UPDATE sales_orders SET status = ?, rejection_reason = ?, version = version + 1, updated_at = ?"
                    + " WHERE id = ?", to, cause.reason(), now, order.id());
        } else {
            tx.update("UPDATE " + OrderTables.of(order.kind()).orders() + " SET status = ?, version = version + 1,"
                    + " updated_at = ? WHERE id = ?", to, now, order.id());
        }
        note(tx, tenant, order, to, cause);
        metrics.orderReached(tx, order.kind().label, to.name());
    }

    /** A history entry without a change of status (a refused shipment, say). */
    public void note(Tx tx, TenantId tenant, Order order, Enum<?> to, StatusCause cause) throws SQLException {
        tx.update("INSERT INTO order_status_history (tenant_id, order_kind, order_number, from_status, to_status, reason,"
                        + " event_id, event_type, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                tenant.value(), order.kind(), order.number(), order.status(), to, cause.reason(), cause.eventId(),
                cause.eventType(), clock.instant());
    }

    /** Puts {@code quantity} in flight on a line (a receipt, shipment or return asked of stock-adjust). */
    public void addPending(Tx tx, Kind kind, OrderLineState line, BigDecimal quantity, boolean isReturn)
            throws SQLException {
        String column = pendingColumn(isReturn);
        tx.update("UPDATE " + OrderTables.of(kind).lines() + " SET " + column + " = " + column + " + ? WHERE id = ?",
                quantity, line.id());
    }

    /** Stock-adjust confirmed {@code quantity}: out of flight, into done (or returned). */
    public void confirm(Tx tx, Kind kind, OrderLineState line, BigDecimal quantity, boolean isReturn,
                        @Nullable BigDecimal unitCost) throws SQLException {
        var tables = OrderTables.of(kind);
        String pending = pendingColumn(isReturn);
        String done = isReturn ? "returned_quantity" : tables.doneColumn();
        boolean withCost = kind == Kind.SALES && !isReturn && unitCost != null;
        Object[] args = withCost ? new Object[] {quantity, quantity, unitCost, line.id()}
                : new Object[] {quantity, quantity, line.id()};
        tx.update("UPDATE " + tables.lines() + " SET " + pending + " = GREATEST(" + pending + " - ?, 0), "
                + done + " = " + done + " + ?" + (withCost ? ", unit_cost = ?" : "") + " WHERE id = ?", args);
    }

    /** Stock-adjust refused {@code quantity}: it is no longer in flight. */
    public void dropPending(Tx tx, Kind kind, OrderLineState line, BigDecimal quantity, boolean isReturn)
            throws SQLException {
        String column = pendingColumn(isReturn);
        tx.update("UPDATE " + OrderTables.of(kind).lines() + " SET " + column + " = GREATEST(" + column + " - ?, 0)"
                + " WHERE id = ?", quantity, line.id());
    }

    /** What the approval steps need of a (locked) purchase order. */
    public record PurchaseFacts(String supplierCode, @Nullable LocalDate expectedDate, BigDecimal total, int version,
                                @Nullable String submittedBy) {
    }

    public PurchaseFacts purchaseFacts(Tx tx, Order order) throws SQLException {
        return tx.one("SELECT s.code AS supplier_code, o.expected_date, o.total_amount, o.version, o.submitted_by"
                        + " FROM purchase_orders o JOIN suppliers s ON s.id = o.supplier_id WHERE o.id = ?",
                row -> new PurchaseFacts(row.string("supplier_code"), row.date("expected_date"),
                        row.decimal("total_amount"), row.intValue("version"), row.string("submitted_by")),
                order.id()).orElseThrow();
    }

    /** Who submitted the order (a draft's submit); the approver must be someone else. */
    public void recordSubmitter(Tx tx, Order order, @Nullable String user) throws SQLException {
        tx.update("UPDATE purchase_orders SET submitted_by = ? WHERE id = ?", user, order.id());
    }

    /** Who approved or rejected the order. */
    public void recordDecider(Tx tx, Order order, @Nullable String user) throws SQLException {
        tx.update("UPDATE purchase_orders SET decided_by = ? WHERE id = ?", user, order.id());
    }

    private static String pendingColumn(boolean isReturn) {
        return isReturn ? "pending_return_quantity" : "pending_quantity";
    }

    /**
     * Records a shipment or goods receipt stock-adjust confirmed: its number, when the stock moved and what each
     * order line moved (the printable documents read it). A replay of the same number under a new event id
     * records nothing twice.
     */
    public void recordMovement(Tx tx, TenantId tenant, Order order, String movementKind, String number,
                               java.time.Instant movedAt, String eventId,
                               java.util.Map<OrderLineState, BigDecimal> moved) throws SQLException {
        var existing = tx.one("SELECT id FROM order_movements WHERE tenant_id = ? AND order_kind = ? AND order_number = ?"
                + " AND number = ?", row -> row.longValue("id"), tenant.value(), order.kind(), order.number(), number);
        if (existing.isPresent()) {
            return;
        }
        long id = tx.insert("INSERT INTO order_movements (tenant_id, order_kind, order_number, movement_kind, number,"
                        + " warehouse_code, moved_at, event_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                tenant.value(), order.kind(), order.number(), movementKind, number, order.warehouseCode(), movedAt,
                eventId, clock.instant());
        for (var entry : moved.entrySet()) {
            if (entry.getValue().signum() > 0) {
                tx.update("INSERT INTO order_movement_lines (tenant_id, movement_id, line_no, quantity) VALUES (?, ?, ?, ?)",
                        tenant.value(), id, entry.getKey().lineNo(), entry.getValue());
            }
        }
    }
}
