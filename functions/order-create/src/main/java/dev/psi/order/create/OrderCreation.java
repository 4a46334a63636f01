package dev.psi.order.create;

import dev.psi.contract.events.Lines;
import dev.psi.contract.events.PurchaseOrderEvents;
import dev.psi.contract.events.SalesOrderEvents;
import dev.psi.contract.order.OrderLine;
import dev.psi.contract.order.OrderLineRequest;
import dev.psi.contract.order.OrderStatus;
import dev.psi.contract.order.PurchaseOrder;
import dev.psi.contract.order.PurchaseOrderRequest;
import dev.psi.contract.order.SalesOrder;
import dev.psi.contract.order.SalesOrderRequest;
import dev.psi.contract.order.StatusChange;
import dev.psi.kernel.config.ApprovalThreshold;
import dev.psi.kernel.config.TaxSettings;
import dev.psi.kernel.db.CatalogTable;
import dev.psi.contract.problem.FieldError;
import dev.psi.kernel.db.Columns;
import dev.psi.kernel.db.Database;
import dev.psi.kernel.db.DocumentNumbers;
import dev.psi.kernel.db.Decimals;
import dev.psi.kernel.db.Tx;
import dev.psi.kernel.events.Outbox;
import dev.psi.kernel.idempotency.IdempotentRequests.Idempotency;
import dev.psi.kernel.idempotency.Outcome;
import dev.psi.kernel.metrics.BusinessMetrics;
import dev.psi.kernel.pricing.OrderPricing;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.web.ProblemException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Stores a new order with its lines, its first status and its first event, in the caller's
 * transaction: the order and {@code purchase-order.submitted} / {@code sales-order.placed} commit
 * together or not at all.
 */
@Singleton
final class OrderCreation {

    private final Database database;
    private final Outbox outbox;
    private final BusinessMetrics metrics;
    private final Clock clock;
    private final ApprovalThreshold approvalThreshold;

    OrderCreation(Database database, Outbox outbox, BusinessMetrics metrics, Clock clock,
                  ApprovalThreshold approvalThreshold) {
        this.approvalThreshold = approvalThreshold;
        this.database = database;
        this.outbox = outbox;
        this.metrics = metrics;
        this.clock = clock;
    }

    Outcome<PurchaseOrder> purchase(TenantId tenant, PurchaseOrderRequest request, @Nullable String user,
                                    Idempotency once) {
        return database.inTransaction(tx -> once.run(tx, () -> {
            var order = purchase(tx, tenant, request, user);
            return Outcome.created(order, "/api/purchase-orders/" + order.number());
        }));
    }

    Outcome<SalesOrder> sales(TenantId tenant, SalesOrderRequest request, Idempotency once) {
        return database.inTransaction(tx -> once.run(tx, () -> {
            var order = sales(tx, tenant, request);
            return Outcome.created(order, "/api/sales-orders/" + order.number());
        }));
    }

    private PurchaseOrder purchase(Tx tx, TenantId tenant, PurchaseOrderRequest request, @Nullable String user)
            throws SQLException {
        var refs = References.resolve(tx, tenant, CatalogTable.SUPPLIERS, "supplierCode", request.supplierCode(),
                request.warehouseCode(), request.lines());
        Instant now = clock.instant();
        var priced = price(tx, tenant, request.lines(), refs.products(), true,
                new OrderPricing.DocumentDiscount(request.discountPercent(), request.discountAmount()));
        var lines = priced.lines();
        // The approval threshold compares the gross total: what the business commits to pay.
        BigDecimal total = priced.totals().grossAmount();
        BigDecimal threshold = approvalThreshold.of(tx, tenant);
        boolean needsApproval = threshold != null && total.compareTo(threshold) > 0;
        String status = (needsApproval ? OrderStatus.Purchase.PENDING_APPROVAL : OrderStatus.Purchase.SUBMITTED).name();
        // Every read is done: the tenant's counter row is held from here to the commit, and no longer.
        String number = DocumentNumbers.next(tx, tenant, "PO", now);
        long id = tx.insert("INSERT INTO purchase_orders (tenant_id, number, supplier_id, warehouse_id, status,"
                        + " expected_date, note, total_amount, net_amount, tax_amount, discount_percent, discount_amount,"
                        + " prices_include_tax, created_by, submitted_by, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                tenant.value(), number, refs.partnerId(), refs.warehouseId(), status, request.expectedDate(),
                request.note(), total, priced.totals().netAmount(), priced.totals().taxAmount(), request.discountPercent(),
                priced.totals().documentDiscount(), priced.includeTax(), user, user, now, now);
        insertLines(tx, tenant, "purchase_order_lines", id, lines, refs.products());
        StatusChange first;
        if (needsApproval) {
            // Nothing is sent to the supplier's side until an admin approves (order-workflow emits submitted then).
            String reason = "total " + total.toPlainString() + " is above the approval threshold " + threshold.toPlainString();
            history(tx, tenant, "PURCHASE", number, status, reason, null, null, now);
            first = new StatusChange(null, status, reason, null, null, now);
        } else {
            var event = new PurchaseOrderEvents.Submitted(UUID.randomUUID().toString(), tenant.value(), number, now, number,
                    request.supplierCode(), request.warehouseCode(), request.expectedDate(), taxed(lines));
            history(tx, tenant, "PURCHASE", number, status, null, event.eventId(), event.eventType().type(), now);
            outbox.append(tx, event);
            first = new StatusChange(null, status, null, event.eventId(), event.eventType().type(), now);
        }
        metrics.orderReached(tx, "purchase", status);
        return new PurchaseOrder(number, status, request.supplierCode(), request.warehouseCode(), request.expectedDate(),
                request.note(), total, priced.totals().netAmount(), priced.totals().taxAmount(), request.discountPercent(),
                priced.totals().documentDiscount(), priced.includeTax(), lines, 0, now, now, List.of(first), null);
    }

    private SalesOrder sales(Tx tx, TenantId tenant, SalesOrderRequest request) throws SQLException {
        var refs = References.resolve(tx, tenant, CatalogTable.CUSTOMERS, "customerCode", request.customerCode(),
                request.warehouseCode(), request.lines());
        Instant now = clock.instant();
        var priced = price(tx, tenant, request.lines(), refs.products(), false,
                new OrderPricing.DocumentDiscount(request.discountPercent(), request.discountAmount()));
        var lines = priced.lines();
        BigDecimal total = priced.totals().grossAmount();
        String status = OrderStatus.Sales.PLACED.name();
        // Every read is done: the tenant's counter row is held from here to the commit, and no longer.
        String number = DocumentNumbers.next(tx, tenant, "SO", now);
        long id = tx.insert("INSERT INTO sales_orders (tenant_id, number, customer_id, warehouse_id, status, note,"
                        + " total_amount, net_amount, tax_amount, discount_percent, discount_amount, prices_include_tax,"
                        + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                tenant.value(), number, refs.partnerId(), refs.warehouseId(), status, request.note(), total,
                priced.totals().netAmount(), priced.totals().taxAmount(), request.discountPercent(),
                priced.totals().documentDiscount(), priced.includeTax(), now, now);
        insertLines(tx, tenant, "sales_order_lines", id, lines, refs.products());
        var event = new SalesOrderEvents.Placed(UUID.randomUUID().toString(), tenant.value(), number, now, number,
                request.customerCode(), request.warehouseCode(), taxed(lines));
        history(tx, tenant, "SALES", number, status, null, event.eventId(), event.eventType().type(), now);
        outbox.append(tx, event);
        metrics.orderReached(tx, "sales", status);
        return new SalesOrder(number, status, request.customerCode(), request.warehouseCode(), null, request.note(),
                total, priced.totals().netAmount(), priced.totals().taxAmount(), request.discountPercent(),
                priced.totals().documentDiscount(), priced.includeTax(), lines, 0, now, now,
                List.of(new StatusChange(null, status, null, event.eventId(), event.eventType().type(), now)), null);
    }

    private record Priced(List<OrderLine> lines, OrderPricing.Totals totals, boolean includeTax) {
    }

    /**
     * The lines with their figures (OrderPricing's rule): rate from the line, else the product, else
     * the tenant's default; any broken rule, or a figure too large for its column, is a 400 naming the
     * field, before anything is written.
     */
    private static Priced price(Tx tx, TenantId tenant, List<OrderLineRequest> requested,
                                List<References.Product> products, boolean purchase,
                                OrderPricing.DocumentDiscount discount) throws SQLException {
        var settings = TaxSettings.of(tx, tenant);
        var inputs = new ArrayList<OrderPricing.LineInput>();
        for (int i = 0; i < requested.size(); i++) {
            var line = requested.get(i);
            var product = products.get(i);
            BigDecimal price = line.unitPrice() != null ? line.unitPrice() : product.salePrice();
            inputs.add(new OrderPricing.LineInput(line.quantity(), price, settings.rate(line.taxRate(), product.taxRate()),
                    line.discountPercent(), line.discountAmount()));
        }
        var errors = new ArrayList<FieldError>();
        for (int i = 0; i < inputs.size(); i++) {
            BigDecimal amount = inputs.get(i).quantity().multiply(inputs.get(i).unitPrice());
            Columns.MONEY.check("lines[" + i + "]", amount, errors);
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        var result = OrderPricing.price(inputs, discount, settings.pricesIncludeTax());
        if (!result.ok()) {
            throw ProblemException.invalid(result.problems().stream()
                    .map(p -> new FieldError(p.field(), p.message())).toList());
        }
        var lines = new ArrayList<OrderLine>();
        BigDecimal zero = BigDecimal.ZERO;
        for (int i = 0; i < inputs.size(); i++) {
            var in = inputs.get(i);
            var figures = result.lines().get(i);
            var product = products.get(i);
            lines.add(new OrderLine(i + 1, product.sku(), product.name(), plain(in.quantity()), plain(in.unitPrice()),
                    figures.grossAmount(), purchase ? zero : null, purchase ? null : zero, zero, null,
                    plain(figures.taxRate()), plain(in.discountPercent()), figures.lineDiscount(),
                    figures.documentDiscount(), figures.netAmount(), figures.taxAmount(), figures.grossAmount(),
                    plain(figures.netUnitPrice())));
        }
        var total = new ArrayList<FieldError>();
        Columns.MONEY.check("lines", result.totals().grossAmount(), total);
        if (!total.isEmpty()) {
            throw ProblemException.invalid(total.stream()
                    .map(e -> new FieldError(e.field(), "the order total " + e.message())).toList());
        }
        return new Priced(lines, result.totals(), settings.pricesIncludeTax());
    }

    private static void insertLines(Tx tx, TenantId tenant, String table, long orderId, List<OrderLine> lines,
                                    List<References.Product> products) throws SQLException {
        for (int i = 0; i < lines.size(); i++) {
            var line = lines.get(i);
            tx.update("INSERT INTO " + table + " (tenant_id, order_id, line_no, product_id, quantity, unit_price,"
                    + " tax_rate, discount_percent, discount_amount, document_discount, net_amount, tax_amount,"
                    + " gross_amount, net_unit_price) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    tenant.value(), orderId, line.lineNo(), products.get(i).id(), line.quantity(), line.unitPrice(),
                    line.taxRate(), line.discountPercent(), line.discountAmount(), line.documentDiscount(),
                    line.netAmount(), line.taxAmount(), line.grossAmount(), line.netUnitPrice());
        }
    }

    private static void history(Tx tx, TenantId tenant, String kind, String number, String status,
                                @Nullable String reason, @Nullable String eventId, @Nullable String eventType,
                                Instant now) throws SQLException {
        tx.update("INSERT INTO order_status_history (tenant_id, order_kind, order_number, from_status, to_status,"
                + " reason, event_id, event_type, created_at) VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?)",
                tenant.value(), kind, number, status, reason, eventId, eventType, now);
    }

    private static List<Lines.Taxed> taxed(List<OrderLine> lines) {
        return lines.stream().map(l -> new Lines.Taxed(l.sku(), l.quantity(), l.unitPrice(), l.netUnitPrice(),
                l.taxRate(), l.netAmount(), l.taxAmount())).toList();
    }

    private static BigDecimal plain(BigDecimal value) {
        return Decimals.plain(value);
    }
}
