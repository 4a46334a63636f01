package dev.psi.order.workflow.store;

import dev.psi.contract.order.OrderMovement;
import dev.psi.kernel.db.Database;
import dev.psi.kernel.db.Tx;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.web.ProblemException;
import dev.psi.order.workflow.domain.Kind;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * Reads what a printable document shows, in one autocommit read: 404 when the tenant has no such order or the
 * order no such shipment (receipt). A shipment's invoice number is finance's (finance_documents, kind INVOICE,
 * source_document = the shipment number), when finance has booked it.
 */
@Singleton
public final class DocumentReads {

    private final Database database;

    DocumentReads(Database database) {
        this.database = database;
    }

    public DocumentFacts shipment(TenantId tenant, String orderNumber, String shipment) {
        return database.read(tx -> facts(tx, tenant, Kind.SALES, orderNumber, shipment));
    }

    public DocumentFacts receipt(TenantId tenant, String orderNumber, String receipt) {
        return database.read(tx -> facts(tx, tenant, Kind.PURCHASE, orderNumber, receipt));
    }

    /**
     * The confirmed shipments (sales) or goods receipts (purchase) of an order, oldest first, with what each line
     * moved and, for a shipment, finance's invoice number; 404 when the tenant has no such order.
     */
    public List<OrderMovement> movements(TenantId tenant, Kind kind, String orderNumber) {
        return database.read(tx -> {
            boolean sales = kind == Kind.SALES;
            String orders = sales ? "sales_orders" : "purchase_orders";
            String lines = sales ? "sales_order_lines" : "purchase_order_lines";
            long orderId = tx.one("SELECT id FROM " + orders + " WHERE tenant_id = ? AND number = ?",
                            row -> row.longValue("id"), tenant.value(), orderNumber)
                    .orElseThrow(() -> ProblemException.notFound(kind.what(), orderNumber));
            var moved = new LinkedHashMap<Long, List<OrderMovement.Line>>();
            tx.list("SELECT ml.movement_id, l.line_no, p.sku, ml.quantity FROM order_movements m"
                            + " JOIN order_movement_lines ml ON ml.movement_id = m.id"
                            + " JOIN " + lines + " l ON l.order_id = ? AND l.line_no = ml.line_no"
                            + " JOIN products p ON p.id = l.product_id"
                            + " WHERE m.tenant_id = ? AND m.order_kind = ? AND m.order_number = ? ORDER BY ml.movement_id, l.line_no",
                    row -> moved.computeIfAbsent(row.longValue("movement_id"), id -> new ArrayList<>())
                            .add(new OrderMovement.Line(row.intValue("line_no"), row.string("sku"), row.decimal("quantity"))),
                    orderId, tenant.value(), kind, orderNumber);
            // A shipment's invoice: finance books one per shipment (source_document = the shipment number).
            String invoice = sales
                    ? "(SELECT MIN(d.number) FROM finance_documents d WHERE d.tenant_id = m.tenant_id AND d.kind = 'INVOICE'"
                            + " AND d.order_number = m.order_number AND d.source_document = m.number)"
                    : "NULL";
            return tx.list("SELECT m.id, m.number, m.movement_kind, m.warehouse_code, m.moved_at, " + invoice
                            + " AS invoice_number FROM order_movements m WHERE m.tenant_id = ? AND m.order_kind = ?"
                            + " AND m.order_number = ? ORDER BY m.moved_at, m.id",
                    row -> new OrderMovement(row.string("number"), row.string("movement_kind"), row.string("warehouse_code"),
                            row.instant("moved_at"), row.string("invoice_number"),
                            List.copyOf(moved.getOrDefault(row.longValue("id"), List.of()))),
                    tenant.value(), kind, orderNumber);
        });
    }

    private static DocumentFacts facts(Tx tx, TenantId tenant, Kind kind, String orderNumber, String movement)
            throws SQLException {
        boolean sales = kind == Kind.SALES;
        String orders = sales ? "sales_orders" : "purchase_orders";
        String lines = sales ? "sales_order_lines" : "purchase_order_lines";
        String partners = sales ? "customers" : "suppliers";
        String partnerColumn = sales ? "customer_id" : "supplier_id";
        var header = tx.one("SELECT o.id, o.created_at, o.prices_include_tax, pa.code AS partner_code,"
                        + " pa.name AS partner_name, pa.address AS partner_address, w.code AS warehouse_code,"
                        + " w.name AS warehouse_name, w.address AS warehouse_address"
                        + " FROM " + orders + " o JOIN " + partners + " pa ON pa.id = o." + partnerColumn
                        + " JOIN warehouses w ON w.id = o.warehouse_id WHERE o.tenant_id = ? AND o.number = ?",
                row -> new Header(row.longValue("id"), row.instant("created_at"), row.bool("prices_include_tax"),
                        new DocumentFacts.Party(row.string("partner_code"), row.string("partner_name"),
                                row.string("partner_address")),
                        new DocumentFacts.Party(row.string("warehouse_code"), row.string("warehouse_name"),
                                row.string("warehouse_address"))),
                tenant.value(), orderNumber).orElseThrow(() -> ProblemException.notFound(kind.what(), orderNumber));
        var moved = tx.one("SELECT id, moved_at FROM order_movements WHERE tenant_id = ? AND order_kind = ?"
                        + " AND order_number = ? AND movement_kind = ? AND number = ?",
                row -> new Movement(row.longValue("id"), row.instant("moved_at")),
                tenant.value(), kind, orderNumber, sales ? "SHIPMENT" : "RECEIPT", movement)
                .orElseThrow(() -> ProblemException.notFound(sales ? "Shipment" : "Goods receipt",
                        orderNumber + "/" + movement));
        var documentLines = tx.list("SELECT l.line_no, p.sku, p.name, p.unit, l.quantity, ml.quantity AS moved,"
                        + " l.unit_price, l.tax_rate, l.discount_amount + l.document_discount AS discount,"
                        + " COALESCE(l.net_amount, ROUND(l.quantity * l.unit_price, 2)) AS net_amount, l.tax_amount,"
                        + " COALESCE(l.gross_amount, ROUND(l.quantity * l.unit_price, 2)) AS gross_amount"
                        + " FROM order_movement_lines ml JOIN " + lines + " l ON l.order_id = ? AND l.line_no = ml.line_no"
                        + " JOIN products p ON p.id = l.product_id WHERE ml.movement_id = ? ORDER BY l.line_no",
                row -> new DocumentFacts.Line(row.intValue("line_no"), row.string("sku"), row.string("name"),
                        row.string("unit"), row.decimal("quantity"), row.decimal("moved"), row.decimal("unit_price"),
                        row.decimal("discount"), row.decimal("tax_rate"), row.decimal("net_amount"),
                        row.decimal("tax_amount"), row.decimal("gross_amount")),
                header.id(), moved.id());
        Optional<Invoice> invoice = sales
                ? tx.one("SELECT number, document_date FROM finance_documents WHERE tenant_id = ? AND kind = 'INVOICE'"
                                + " AND order_number = ? AND source_document = ?",
                        row -> new Invoice(row.string("number"), row.date("document_date")),
                        tenant.value(), orderNumber, movement)
                : Optional.empty();
        String tenantName = tx.one("SELECT name FROM tenants WHERE id = ?", row -> row.string("name"), tenant.value())
                .orElse(tenant.value());
        return new DocumentFacts(tenantName, orderNumber, header.createdAt(), header.partner(), header.warehouse(),
                movement, moved.at(), header.pricesIncludeTax(), invoice.map(Invoice::number).orElse(null),
                invoice.map(Invoice::date).orElse(null), documentLines);
    }

    private record Header(long id, Instant createdAt, boolean pricesIncludeTax, DocumentFacts.Party partner,
                          DocumentFacts.Party warehouse) {
    }

    private record Movement(long id, Instant at) {
    }

    private record Invoice(String number, LocalDate date) {
    }
}
