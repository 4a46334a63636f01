package dev.psi.order.workflow.store;

import dev.psi.contract.common.Page;
import dev.psi.contract.order.OrderEvent;
import dev.psi.contract.order.OrderLine;
import dev.psi.contract.order.PurchaseOrder;
import dev.psi.contract.order.SalesOrder;
import dev.psi.contract.order.StatusChange;
import dev.psi.kernel.metrics.BusinessMetrics;
import dev.psi.kernel.db.Pages;
import dev.psi.kernel.db.Row;
import dev.psi.kernel.db.Tx;
import dev.psi.kernel.db.Where;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.web.PageRequest;
import dev.psi.kernel.web.ProblemException;
import dev.psi.order.workflow.domain.Kind;
import dev.psi.order.workflow.domain.OrderLineState;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Orders in the database, for both kinds: locking, line quantities, status with history, reads. */
@Singleton
public final class OrderStore {

    private final BusinessMetrics metrics;
    private final Clock clock;

    OrderStore(BusinessMetrics metrics, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * The order with its lines. Only the order's own row is locked (every change of an order locks
     * it first, so that serialises them); a locking read over a join would also X-lock the joined
     * product and warehouse rows, which every stock insert S-locks through its foreign keys.
     */
    public Optional<OrderRecord> lock(Tx tx, TenantId tenant, Kind kind, String number) throws SQLException {
        var header = tx.one("SELECT id, status, warehouse_id FROM " + kind.table + " WHERE tenant_id = ? AND number = ? FOR UPDATE",
                row -> new Object[] {row.longValue("id"), row.string("status"), row.longValue("warehouse_id")},
                tenant.value(), number);
        if (header.isEmpty()) {
            return Optional.empty();
        }
        long id = (Long) header.get()[0];
        String warehouseCode = tx.one("SELECT code FROM warehouses WHERE id = ?", row -> row.string("code"), header.get()[2])
                .orElseThrow();
        var lines = tx.list("SELECT l.id, l.line_no, p.sku, l.quantity, l.unit_price, l." + kind.doneColumn + " AS done,"
                        + " l.returned_quantity, l.pending_quantity, l.pending_return_quantity, "
                        + (kind == Kind.SALES ? "l.unit_cost" : "l.unit_price AS unit_cost")
                        + " FROM " + kind.lineTable + " l JOIN products p ON p.id = l.product_id"
                        + " WHERE l.order_id = ? ORDER BY l.line_no",
                row -> new OrderLineState(row.longValue("id"), row.intValue("line_no"), row.string("sku"),
                        row.decimal("quantity"), row.decimal("unit_price"), row.decimal("done"),
                        row.decimal("returned_quantity"), row.decimal("pending_quantity"),
                        row.decimal("pending_return_quantity"), row.decimal("unit_cost")), id);
        return Optional.of(new OrderRecord(kind, id, number, (String) header.get()[1], warehouseCode, lines));
    }

    public OrderRecord require(Tx tx, TenantId tenant, Kind kind, String number) throws SQLException {
        return lock(tx, tenant, kind, number).orElseThrow(() -> ProblemException.notFound(kind.what(), number));
    }

    /** Moves the order to {@code to}, recording why and which event did it. */
    public void changeStatus(Tx tx, TenantId tenant, OrderRecord order, String to, @Nullable String reason,
                             @Nullable String eventId, @Nullable String eventType) throws SQLException {
        Instant now = clock.instant();
        if (order.kind() == Kind.SALES && reason != null && "REJECTED".equals(to)) {
            tx.update("UPDATE sales_orders SET status = ?, rejection_reason = ?, version = version + 1, updated_at = ?"
                    + " WHERE id = ?", to, reason, now, order.id());
        } else {
            tx.update("UPDATE " + order.kind().table + " SET status = ?, version = version + 1, updated_at = ? WHERE id = ?",
                    to, now, order.id());
        }
        note(tx, tenant, order, to, reason, eventId, eventType);
        metrics.orderReached(tx, order.kind().label, to);
    }

    /** A history entry without a change of status (a refused shipment, say). */
    public void note(Tx tx, TenantId tenant, OrderRecord order, String to, @Nullable String reason,
                     @Nullable String eventId, @Nullable String eventType) throws SQLException {
        tx.update("INSERT INTO order_status_history (tenant_id, order_kind, order_number, from_status, to_status, reason,"
                        + " event_id, event_type, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                tenant.value(), order.kind().name(), order.number(), order.status(), to, reason, eventId, eventType,
                clock.instant());
    }

    /** Puts {@code quantity} in flight on a line (a receipt or shipment asked of stock-adjust). */
    public void addPending(Tx tx, Kind kind, OrderLineState line, BigDecimal quantity, boolean isReturn) throws SQLException {
        String column = isReturn ? "pending_return_quantity" : "pending_quantity";
        tx.update("UPDATE " + kind.lineTable + " SET " + column + " = " + column + " + ? WHERE id = ?", quantity, line.id());
    }

    /** Stock-adjust confirmed {@code quantity}: out of flight, into done (or returned). */
    public void confirm(Tx tx, Kind kind, OrderLineState line, BigDecimal quantity, boolean isReturn,
                        @Nullable BigDecimal unitCost) throws SQLException {
        String pending = isReturn ? "pending_return_quantity" : "pending_quantity";
        String done = isReturn ? "returned_quantity" : kind.doneColumn;
        String cost = kind == Kind.SALES && !isReturn && unitCost != null ? ", unit_cost = ?" : "";
        Object[] args = cost.isEmpty() ? new Object[] {quantity, quantity, line.id()}
                : new Object[] {quantity, quantity, unitCost, line.id()};
        tx.update("UPDATE " + kind.lineTable + " SET " + pending + " = GREATEST(" + pending + " - ?, 0), "
                + done + " = " + done + " + ?" + cost + " WHERE id = ?", args);
    }

    /** Stock-adjust refused {@code quantity}: it is no longer in flight. */
    public void dropPending(Tx tx, Kind kind, OrderLineState line, BigDecimal quantity, boolean isReturn) throws SQLException {
        String column = isReturn ? "pending_return_quantity" : "pending_quantity";
        tx.update("UPDATE " + kind.lineTable + " SET " + column + " = GREATEST(" + column + " - ?, 0) WHERE id = ?",
                quantity, line.id());
    }

    // ---- reads ----

    public SalesOrder sales(Tx tx, TenantId tenant, String number, boolean details) throws SQLException {
        var order = tx.one(SALES_SELECT + " WHERE o.tenant_id = ? AND o.number = ?", OrderStore::salesHeader,
                tenant.value(), number).orElseThrow(() -> ProblemException.notFound(Kind.SALES.what(), number));
        return withDetails(tx, tenant, order, details);
    }

    public PurchaseOrder purchase(Tx tx, TenantId tenant, String number, boolean details) throws SQLException {
        var order = tx.one(PURCHASE_SELECT + " WHERE o.tenant_id = ? AND o.number = ?", OrderStore::purchaseHeader,
                tenant.value(), number).orElseThrow(() -> ProblemException.notFound(Kind.PURCHASE.what(), number));
        return withDetails(tx, tenant, order, details);
    }

    public record ListFilter(@Nullable String status, @Nullable String partnerCode, @Nullable String warehouseCode,
                             @Nullable LocalDate from, @Nullable LocalDate to, @Nullable String q) {
    }

    public Page<SalesOrder> listSales(Tx tx, TenantId tenant, PageRequest page, ListFilter filter) throws SQLException {
        return Pages.fetch(tx, SALES_SELECT, where(tenant, filter), "ORDER BY o.created_at DESC, o.id DESC", page,
                row -> salesHeader(row));
    }

    public Page<PurchaseOrder> listPurchases(Tx tx, TenantId tenant, PageRequest page, ListFilter filter) throws SQLException {
        return Pages.fetch(tx, PURCHASE_SELECT, where(tenant, filter), "ORDER BY o.created_at DESC, o.id DESC", page,
                row -> purchaseHeader(row));
    }

    private static Where where(TenantId tenant, ListFilter filter) {
        var where = Where.tenant("o.tenant_id", tenant)
                .andIf(filter.status() == null ? null : filter.status().toUpperCase(), "o.status = ?")
                .andIf(filter.partnerCode(), "pa.code = ?")
                .andIf(filter.warehouseCode(), "w.code = ?")
                .andIf(filter.from() == null ? null : filter.from().atStartOfDay().toInstant(java.time.ZoneOffset.UTC), "o.created_at >= ?")
                .andIf(filter.to() == null ? null : filter.to().plusDays(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC), "o.created_at < ?");
        return where.search(filter.q(), "o.number", "o.note");
    }

    private static final String SALES_SELECT = "SELECT o.id, o.number, o.status, pa.code AS partner_code, w.code AS warehouse_code,"
            + " o.rejection_reason, o.note, o.total_amount, o.version, o.created_at, o.updated_at FROM sales_orders o"
            + " JOIN customers pa ON pa.id = o.customer_id JOIN warehouses w ON w.id = o.warehouse_id";
    private static final String PURCHASE_SELECT = "SELECT o.id, o.number, o.status, pa.code AS partner_code,"
            + " w.code AS warehouse_code, o.expected_date, o.note, o.total_amount, o.version, o.created_at, o.updated_at"
            + " FROM purchase_orders o JOIN suppliers pa ON pa.id = o.supplier_id JOIN warehouses w ON w.id = o.warehouse_id";

    private static SalesOrder salesHeader(Row row) throws SQLException {
        return new SalesOrder(row.string("number"), row.string("status"), row.string("partner_code"),
                row.string("warehouse_code"), row.string("rejection_reason"), row.string("note"),
                row.decimal("total_amount"), List.of(), row.intValue("version"), row.instant("created_at"),
                row.instant("updated_at"), null, null);
    }

    private static PurchaseOrder purchaseHeader(Row row) throws SQLException {
        return new PurchaseOrder(row.string("number"), row.string("status"), row.string("partner_code"),
                row.string("warehouse_code"), row.date("expected_date"), row.string("note"),
                row.decimal("total_amount"), List.of(), row.intValue("version"), row.instant("created_at"),
                row.instant("updated_at"), null, null);
    }

    private SalesOrder withDetails(Tx tx, TenantId tenant, SalesOrder o, boolean details) throws SQLException {
        return new SalesOrder(o.number(), o.status(), o.customerCode(), o.warehouseCode(), o.rejectionReason(), o.note(),
                o.totalAmount(), lines(tx, tenant, Kind.SALES, o.number()), o.version(), o.createdAt(), o.updatedAt(),
                details ? history(tx, tenant, Kind.SALES, o.number()) : null,
                details ? events(tx, tenant, o.number()) : null);
    }

    private PurchaseOrder withDetails(Tx tx, TenantId tenant, PurchaseOrder o, boolean details) throws SQLException {
        return new PurchaseOrder(o.number(), o.status(), o.supplierCode(), o.warehouseCode(), o.expectedDate(), o.note(),
                o.totalAmount(), lines(tx, tenant, Kind.PURCHASE, o.number()), o.version(), o.createdAt(), o.updatedAt(),
                details ? history(tx, tenant, Kind.PURCHASE, o.number()) : null,
                details ? events(tx, tenant, o.number()) : null);
    }

    private static List<OrderLine> lines(Tx tx, TenantId tenant, Kind kind, String number) throws SQLException {
        boolean sales = kind == Kind.SALES;
        return tx.list("SELECT l.line_no, p.sku, p.name, l.quantity, l.unit_price, l." + kind.doneColumn + " AS done,"
                        + " l.returned_quantity, " + (sales ? "l.unit_cost" : "NULL AS unit_cost")
                        + " FROM " + kind.lineTable + " l JOIN " + kind.table + " o ON o.id = l.order_id"
                        + " JOIN products p ON p.id = l.product_id WHERE o.tenant_id = ? AND o.number = ? ORDER BY l.line_no",
                row -> new OrderLine(row.intValue("line_no"), row.string("sku"), row.string("name"),
                        row.decimal("quantity"), row.decimal("unit_price"),
                        row.decimal("quantity").multiply(row.decimal("unit_price")).setScale(2, java.math.RoundingMode.HALF_UP),
                        sales ? null : row.decimal("done"), sales ? row.decimal("done") : null,
                        row.decimal("returned_quantity"), row.decimal("unit_cost")),
                tenant.value(), number);
    }

    private static List<StatusChange> history(Tx tx, TenantId tenant, Kind kind, String number) throws SQLException {
        return tx.list("SELECT from_status, to_status, reason, event_id, event_type, created_at FROM order_status_history"
                        + " WHERE tenant_id = ? AND order_kind = ? AND order_number = ? ORDER BY id",
                row -> new StatusChange(row.string("from_status"), row.string("to_status"), row.string("reason"),
                        row.string("event_id"), row.string("event_type"), row.instant("created_at")),
                tenant.value(), kind.name(), number);
    }

    /** Every event about the order: those emitted (the outbox of all functions) and those applied here (inbox). */
    private static List<OrderEvent> events(Tx tx, TenantId tenant, String number) throws SQLException {
        return tx.list("SELECT 'emitted' AS direction, event_id, event_type, occurred_at AS at FROM outbox"
                        + " WHERE tenant_id = ? AND aggregate_id = ?"
                        + " UNION ALL SELECT 'applied', event_id, event_type, processed_at FROM inbox"
                        + " WHERE tenant_id = ? AND aggregate_id = ? ORDER BY at",
                row -> new OrderEvent(row.string("direction"), row.string("event_id"), row.string("event_type"),
                        row.instant("at")),
                tenant.value(), number, tenant.value(), number);
    }
}
