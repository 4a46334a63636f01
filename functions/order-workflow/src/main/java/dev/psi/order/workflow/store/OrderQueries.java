package dev.psi.order.workflow.store;

import dev.psi.contract.common.Page;
import dev.psi.contract.order.OrderEvent;
import dev.psi.contract.order.OrderLine;
import dev.psi.contract.order.PurchaseOrder;
import dev.psi.contract.order.SalesOrder;
import dev.psi.contract.order.StatusChange;
import dev.psi.kernel.db.Database;
import dev.psi.kernel.db.ListQuery;
import dev.psi.kernel.db.Pages;
import dev.psi.kernel.db.Row;
import dev.psi.kernel.db.Tx;
import dev.psi.kernel.db.Where;
import dev.psi.kernel.events.EventTrail;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.web.ListParams;
import dev.psi.kernel.web.PageRequest;
import dev.psi.kernel.web.ProblemException;
import dev.psi.order.workflow.domain.Kind;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The read model of orders: one order with its lines, history and events, and filtered lists.
 * Reads take no locks; a read of its own opens its own autocommit read.
 */
@Singleton
public final class OrderQueries {

    private final Database database;

    OrderQueries(Database database) {
        this.database = database;
    }

    /** A list's filters (each optional) and its sort: a field of {@link #SORTS}, '-' for descending. */
    public record ListFilter(@Nullable Enum<?> status, @Nullable String partnerCode, @Nullable String warehouseCode,
                             @Nullable LocalDate from, @Nullable LocalDate to, @Nullable String q, @Nullable String sort) {
    }

    /** The fields a list sorts by, and their columns; newest first unless asked otherwise. */
    private static final Map<String, String> SORTS = Map.of("createdAt", "o.created_at", "updatedAt", "o.updated_at",
            "number", "o.number", "status", "o.status", "totalAmount", "o.total_amount");
    private static final String DEFAULT_SORT = "-createdAt";

    /** A sales order with its lines, history and events; 404 when the tenant has none of that number. */
    public SalesOrder sales(TenantId tenant, String number) {
        return database.read(tx -> withSalesDetails(tx, tenant, header(tx, tenant, Kind.SALES, number, OrderQueries::salesRow), true));
    }

    /** A purchase order with its lines, history and events; 404 when the tenant has none of that number. */
    public PurchaseOrder purchase(TenantId tenant, String number) {
        return database.read(tx -> withPurchaseDetails(tx, tenant, header(tx, tenant, Kind.PURCHASE, number, OrderQueries::purchaseRow), true));
    }

    /** The order with its lines, read inside {@code tx} (what a command answers). */
    public Object order(Tx tx, TenantId tenant, Kind kind, String number) throws SQLException {
        return kind == Kind.SALES
                ? withSalesDetails(tx, tenant, header(tx, tenant, kind, number, OrderQueries::salesRow), false)
                : withPurchaseDetails(tx, tenant, header(tx, tenant, kind, number, OrderQueries::purchaseRow), false);
    }

    public Page<SalesOrder> listSales(TenantId tenant, PageRequest page, ListFilter filter) {
        String orderBy = orderBy(filter.sort());
        return database.read(tx -> Pages.fetch(tx, list(Kind.SALES), where(tenant, filter), orderBy, page,
                OrderQueries::salesRow));
    }

    public Page<PurchaseOrder> listPurchases(TenantId tenant, PageRequest page, ListFilter filter) {
        String orderBy = orderBy(filter.sort());
        return database.read(tx -> Pages.fetch(tx, list(Kind.PURCHASE), where(tenant, filter), orderBy, page,
                OrderQueries::purchaseRow));
    }

    private static Where where(TenantId tenant, ListFilter filter) {
        var where = Where.tenant("o.tenant_id", tenant)
                .andIf(filter.status(), "o.status = ?")
                .andIf(filter.partnerCode(), "pa.code = ?")
                .andIf(filter.warehouseCode(), "w.code = ?")
                .andIf(filter.from() == null ? null : filter.from().atStartOfDay().toInstant(ZoneOffset.UTC), "o.created_at >= ?")
                .andIf(filter.to() == null ? null : filter.to().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC), "o.created_at < ?");
        return where.search(filter.q(), "o.number", "o.note");
    }

    /** The ORDER BY of a sort name, ties broken by id in the same direction; an unknown name is a 400. */
    private static String orderBy(@Nullable String sort) {
        String key = sort == null || sort.isBlank() ? DEFAULT_SORT : sort.trim();
        return ListParams.orderBy(key, DEFAULT_SORT, SORTS, key.startsWith("-") ? "o.id DESC" : "o.id");
    }

    /** The list of a kind: its columns and what it reads from; the one place a kind's tables are joined for reads. */
    private static ListQuery list(Kind kind) {
        var tables = OrderTables.of(kind);
        return new ListQuery("o.id, o.number, o.status, pa.code AS partner_code, w.code AS warehouse_code, "
                + (kind == Kind.SALES ? "o.rejection_reason" : "o.expected_date")
                + ", o.note, o.total_amount, COALESCE(o.net_amount, o.total_amount) AS net_amount, o.tax_amount,"
                + " o.discount_percent, o.discount_amount, o.prices_include_tax, o.version, o.created_at, o.updated_at",
                tables.orders() + " o JOIN " + tables.partners() + " pa ON pa.id = o." + tables.partnerColumn()
                        + " JOIN warehouses w ON w.id = o.warehouse_id");
    }

    private static <T> T header(Tx tx, TenantId tenant, Kind kind, String number, Tx.RowMapper<T> mapper)
            throws SQLException {
        return tx.one(list(kind).select() + " WHERE o.tenant_id = ? AND o.number = ?", mapper, tenant.value(), number)
                .orElseThrow(() -> ProblemException.notFound(kind.what(), number));
    }

    private static SalesOrder salesRow(Row row) throws SQLException {
        return new SalesOrder(row.string("number"), row.string("status"), row.string("partner_code"),
                row.string("warehouse_code"), row.string("rejection_reason"), row.string("note"),
                row.decimal("total_amount"), row.decimal("net_amount"), row.decimal("tax_amount"),
                row.decimal("discount_percent"), row.decimal("discount_amount"), row.bool("prices_include_tax"),
                List.of(), row.intValue("version"), row.instant("created_at"),
                row.instant("updated_at"), null, null);
    }

    private static PurchaseOrder purchaseRow(Row row) throws SQLException {
        return new PurchaseOrder(row.string("number"), row.string("status"), row.string("partner_code"),
                row.string("warehouse_code"), row.date("expected_date"), row.string("note"),
                row.decimal("total_amount"), row.decimal("net_amount"), row.decimal("tax_amount"),
                row.decimal("discount_percent"), row.decimal("discount_amount"), row.bool("prices_include_tax"),
                List.of(), row.intValue("version"), row.instant("created_at"),
                row.instant("updated_at"), null, null);
    }

    private static SalesOrder withSalesDetails(Tx tx, TenantId tenant, SalesOrder o, boolean details) throws SQLException {
        return new SalesOrder(o.number(), o.status(), o.customerCode(), o.warehouseCode(), o.rejectionReason(), o.note(),
                o.totalAmount(), o.netAmount(), o.taxAmount(), o.discountPercent(), o.discountAmount(),
                o.pricesIncludeTax(), lines(tx, tenant, Kind.SALES, o.number()), o.version(), o.createdAt(), o.updatedAt(),
                details ? history(tx, tenant, Kind.SALES, o.number()) : null,
                details ? events(tx, tenant, o.number()) : null);
    }

    private static PurchaseOrder withPurchaseDetails(Tx tx, TenantId tenant, PurchaseOrder o, boolean details) throws SQLException {
        return new PurchaseOrder(o.number(), o.status(), o.supplierCode(), o.warehouseCode(), o.expectedDate(), o.note(),
                o.totalAmount(), o.netAmount(), o.taxAmount(), o.discountPercent(), o.discountAmount(),
                o.pricesIncludeTax(), lines(tx, tenant, Kind.PURCHASE, o.number()), o.version(), o.createdAt(), o.updatedAt(),
                details ? history(tx, tenant, Kind.PURCHASE, o.number()) : null,
                details ? events(tx, tenant, o.number()) : null);
    }

    private static List<OrderLine> lines(Tx tx, TenantId tenant, Kind kind, String number) throws SQLException {
        var tables = OrderTables.of(kind);
        boolean sales = kind == Kind.SALES;
        // A line written without pricing (net_amount NULL, see V8) shows net = gross = quantity x price.
        return tx.list("SELECT l.line_no, p.sku, p.name, l.quantity, l.unit_price, l." + tables.doneColumn() + " AS done,"
                        + " l.returned_quantity, " + (sales ? "l.unit_cost" : "NULL AS unit_cost") + ", l.tax_rate,"
                        + " l.discount_percent, l.discount_amount, l.document_discount, l.tax_amount,"
                        + " COALESCE(l.net_amount, ROUND(l.quantity * l.unit_price, 2)) AS net_amount,"
                        + " COALESCE(l.gross_amount, ROUND(l.quantity * l.unit_price, 2)) AS gross_amount,"
                        + " COALESCE(l.net_unit_price, l.unit_price) AS net_unit_price"
                        + " FROM " + tables.lines() + " l JOIN " + tables.orders() + " o ON o.id = l.order_id"
                        + " JOIN products p ON p.id = l.product_id WHERE o.tenant_id = ? AND o.number = ? ORDER BY l.line_no",
                row -> new OrderLine(row.intValue("line_no"), row.string("sku"), row.string("name"),
                        row.decimal("quantity"), row.decimal("unit_price"), money(row.decimal("gross_amount")),
                        sales ? null : row.decimal("done"), sales ? row.decimal("done") : null,
                        row.decimal("returned_quantity"), row.decimal("unit_cost"), row.decimal("tax_rate"),
                        row.decimal("discount_percent"), money(row.decimal("discount_amount")),
                        money(row.decimal("document_discount")), money(row.decimal("net_amount")),
                        money(row.decimal("tax_amount")), money(row.decimal("gross_amount")),
                        row.decimal("net_unit_price")),
                tenant.value(), number);
    }

    private static BigDecimal money(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }

    private static List<StatusChange> history(Tx tx, TenantId tenant, Kind kind, String number) throws SQLException {
        return tx.list("SELECT from_status, to_status, reason, event_id, event_type, created_at FROM order_status_history"
                        + " WHERE tenant_id = ? AND order_kind = ? AND order_number = ? ORDER BY id",
                row -> new StatusChange(row.string("from_status"), row.string("to_status"), row.string("reason"),
                        row.string("event_id"), row.string("event_type"), row.instant("created_at")),
                tenant.value(), kind, number);
    }

    /** Every event about the order: emitted by any function and applied here (the kernel's trail). */
    private static List<OrderEvent> events(Tx tx, TenantId tenant, String number) throws SQLException {
        return EventTrail.of(tx, tenant, number).stream()
                .map(e -> new OrderEvent(e.direction(), e.eventId(), e.eventType(), e.at()))
                .toList();
    }
}
