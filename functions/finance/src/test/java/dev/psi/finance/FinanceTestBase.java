package dev.psi.finance;

import static dev.psi.testing.Fixtures.aProduct;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.psi.contract.events.Lines;
import dev.psi.contract.events.PsiEvent;
import dev.psi.contract.events.StockEvents;
import dev.psi.testing.Api;
import dev.psi.testing.Fixtures;
import dev.psi.testing.Rows;
import dev.psi.testing.TenantTest;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;

/**
 * A tenant with warehouse WH1, customers CUS1 and CUS2, supplier SUP1 and products A and B; orders are written
 * as order-create stores them, and stock-adjust's facts are posted to /events as a KafkaSource delivers them.
 */
abstract class FinanceTestBase extends TenantTest {

    @BeforeEach
    void catalog() {
        Fixtures.warehouse(tenant, "WH1");
        Fixtures.customer(tenant, "CUS1");
        Fixtures.customer(tenant, "CUS2");
        Fixtures.supplier(tenant, "SUP1");
        aProduct(tenant, "A").create();
        aProduct(tenant, "B").create();
    }

    /** A sales order of {@code customer}; each line is sku, quantity, unit price. */
    void salesOrder(String number, String customer, String... lines) {
        order("sales_orders", "customer_id", "customers", number, customer, lines);
    }

    void purchaseOrder(String number, String supplier, String... lines) {
        order("purchase_orders", "supplier_id", "suppliers", number, supplier, lines);
    }

    private void order(String table, String partnerColumn, String partnerTable, String number, String partner,
                       String... lines) {
        Timestamp now = Timestamp.from(Instant.now());
        Rows.execute("INSERT INTO " + table + " (tenant_id, number, " + partnerColumn + ", warehouse_id, status,"
                        + " total_amount, created_at, updated_at) VALUES (?, ?,"
                        + " (SELECT id FROM " + partnerTable + " WHERE tenant_id = ? AND code = ?),"
                        + " (SELECT id FROM warehouses WHERE tenant_id = ? AND code = 'WH1'), 'CONFIRMED', 0, ?, ?)",
                tenant, number, tenant, partner, tenant, now, now);
        String linesTable = table.replace("orders", "order_lines");
        for (int i = 0; i < lines.length; i += 3) {
            Rows.execute("INSERT INTO " + linesTable + " (tenant_id, order_id, line_no, product_id, quantity, unit_price)"
                            + " VALUES (?, (SELECT id FROM " + table + " WHERE tenant_id = ? AND number = ?), ?,"
                            + " (SELECT id FROM products WHERE tenant_id = ? AND sku = ?), ?, ?)",
                    tenant, tenant, number, i / 3 + 1, tenant, lines[i], new BigDecimal(lines[i + 1]),
                    new BigDecimal(lines[i + 2]));
        }
    }

    /** Shipped (stock.issued): lines are sku, quantity; the unit price in the event is the cost, 1.00 here. */
    StockEvents.Issued issued(String order, String shipment, String at, String... lines) {
        return new StockEvents.Issued(id(), tenant, order, Instant.parse(at), order, shipment, "WH1", priced(lines));
    }

    StockEvents.ReturnedIn returnedIn(String order, String returnNumber, String at, String... lines) {
        return new StockEvents.ReturnedIn(id(), tenant, order, Instant.parse(at), order, returnNumber, "WH1", priced(lines));
    }

    StockEvents.Received received(String order, String receipt, String at, String... lines) {
        return new StockEvents.Received(id(), tenant, order, Instant.parse(at), order, receipt, "WH1", priced(lines));
    }

    StockEvents.ReturnedOut returnedOut(String order, String returnNumber, String at, String... lines) {
        return new StockEvents.ReturnedOut(id(), tenant, order, Instant.parse(at), order, returnNumber, "WH1", priced(lines));
    }

    private static List<Lines.Priced> priced(String... lines) {
        return java.util.stream.IntStream.range(0, lines.length / 2)
                .mapToObj(i -> new Lines.Priced(lines[2 * i], new BigDecimal(lines[2 * i + 1]), BigDecimal.ONE)).toList();
    }

    Api.Response deliver(PsiEvent event) {
        return api.deliverEvent(event.eventId(), event.eventType().type(), "/psi/stock-adjust", event.occurredAt(), event);
    }

    /** Delivers the event and answers the number of the document it booked (the newest of the tenant). */
    String book(PsiEvent event) {
        var response = deliver(event);
        assertEquals(2, response.status() / 100, response.toString());
        return Rows.column("SELECT number FROM finance_documents WHERE tenant_id = ? ORDER BY id DESC LIMIT 1", tenant)
                .get(0);
    }

    /** A receipt (or payment) body: allocations come as document number, amount pairs. */
    static Map<String, Object> settlement(String partnerField, String partner, String date, String amount,
                                          String... allocations) {
        var list = java.util.stream.IntStream.range(0, allocations.length / 2)
                .mapToObj(i -> Map.<String, Object>of("documentNumber", allocations[2 * i],
                        "amount", new BigDecimal(allocations[2 * i + 1]))).toList();
        return Map.of(partnerField, partner, "date", date, "amount", new BigDecimal(amount), "allocations", list);
    }

    long documents() {
        return Rows.count("SELECT COUNT(*) FROM finance_documents WHERE tenant_id = ?", tenant);
    }

    static void assertMoney(String expected, BigDecimal actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual), () -> "expected " + expected + " but was " + actual);
    }

    static String id() {
        return UUID.randomUUID().toString();
    }

    static List<String> list(String... values) {
        return Arrays.asList(values);
    }
}
