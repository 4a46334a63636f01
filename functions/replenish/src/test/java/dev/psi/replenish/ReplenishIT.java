package dev.psi.replenish;

import static dev.psi.testing.Fixtures.aProduct;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.contract.events.StockEvents;
import dev.psi.testing.Api;
import dev.psi.testing.Fixtures;
import dev.psi.testing.Rows;
import dev.psi.testing.TenantTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * psi.stock.low.v1 posted to /events as the KafkaSource delivers it; the drafts read back from the
 * database and through GET /api/replenishment/suggestions. Product A: purchase price 2.50, reorder
 * point 10, reorder quantity 50, preferred supplier SUP1. Product N: no preferred supplier.
 */
@MicronautTest
class ReplenishIT extends TenantTest {

    @BeforeEach
    void catalog() {
        Fixtures.warehouse(tenant, "WH1");
        Fixtures.warehouse(tenant, "WH2");
        Fixtures.supplier(tenant, "SUP1");
        aProduct(tenant, "A").purchasePrice("2.50").reorder("10", "50").supplier("SUP1").create();
        aProduct(tenant, "N").purchasePrice("1.00").reorder("5", "5").create();
    }

    @Test
    void shouldDraftOneOrderForTheShortfallAndNotAgainOnARedelivery() {
        var low = low("A", "WH1", "4");
        assertEquals(200, deliver(low).status());
        assertEquals(200, deliver(low).status(), "a redelivery is acknowledged");

        var drafts = drafts("A");
        assertEquals(1, drafts.size(), drafts::toString);
        var draft = drafts.get(0);
        // 10 + 50 - 4 available - 0 on order = 56, at 2.50 = 140.00
        assertEquals(0, new BigDecimal("56").compareTo((BigDecimal) draft.get("quantity")), draft::toString);
        assertEquals(0, new BigDecimal("140.00").compareTo((BigDecimal) draft.get("total_amount")), draft::toString);
        assertEquals(0, new BigDecimal("2.50").compareTo((BigDecimal) draft.get("unit_price")), draft::toString);
        assertEquals("SUP1", draft.get("supplier_code"));
        assertEquals("WH1", draft.get("warehouse_code"));
        assertEquals(low.eventId(), draft.get("replenished_from"));
        assertEquals(1L, Rows.count("SELECT COUNT(*) FROM order_status_history WHERE tenant_id = ? AND order_number = ?"
                + " AND to_status = 'DRAFT' AND event_type = 'psi.stock.low.v1'", tenant, draft.get("number")));
    }

    @Test
    void shouldCountWhatIsOnOpenOrdersAndDraftNothingWhenTheyCoverIt() {
        // An open order of 20, 5 of it received: 15 still coming. A cancelled one counts for nothing.
        order("PO-OPEN", "SUBMITTED", "A", "20", "5");
        order("PO-GONE", "CANCELLED", "A", "100", "0");
        assertEquals(200, deliver(low("A", "WH1", "4")).status());
        var drafts = drafts("A");
        assertEquals(1, drafts.size(), drafts::toString);
        // 10 + 50 - 4 - 15 = 41
        assertEquals(0, new BigDecimal("41").compareTo((BigDecimal) drafts.get(0).get("quantity")), drafts::toString);

        // The next low for the same warehouse: 56 now on order covers 10 + 50 - 4.
        assertEquals(200, deliver(low("A", "WH1", "4")).status());
        assertEquals(1, drafts("A").size(), "covered: nothing more drafted");
        // Another warehouse has nothing on order.
        assertEquals(200, deliver(low("A", "WH2", "0")).status());
        assertEquals(2, drafts("A").size());
        assertEquals(0, new BigDecimal("60").compareTo((BigDecimal) drafts("A").get(1).get("quantity")));
    }

    @Test
    void shouldDraftOnceWhenTwoLowEventsForTheSameShortfallArriveAtOnce() throws Exception {
        var pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 3; round++) {
                String warehouse = "WH" + (round % 2 + 1);
                Rows.execute("UPDATE purchase_orders SET status = 'CANCELLED' WHERE tenant_id = ?", tenant);
                var start = new CountDownLatch(1);
                var answers = new ArrayList<Future<Integer>>();
                for (int i = 0; i < 4; i++) {
                    var event = low("A", warehouse, "4");
                    answers.add(pool.submit(() -> {
                        start.await();
                        return deliver(event).status();
                    }));
                }
                start.countDown();
                for (var answer : answers) {
                    assertEquals(200, answer.get());
                }
                assertEquals(1L, Rows.count("SELECT COUNT(*) FROM purchase_orders WHERE tenant_id = ? AND status = 'DRAFT'",
                        tenant), "round " + round + ": four lows at once, one draft");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldDraftNothingWithoutAPreferredSupplierButSuggestIt() {
        stock("N", "WH1", "2");
        stock("A", "WH1", "4");
        assertEquals(200, deliver(low("N", "WH1", "2")).status());
        assertEquals(0, drafts("N").size());

        var before = api.withRoles("viewer").get("/api/replenishment/suggestions");
        assertEquals(200, before.status(), before.body());
        assertEquals(2, before.list("items").size(), before.body());
        assertEquals("A", before.text("items.0.sku"));
        assertEquals(0, new BigDecimal("56").compareTo(before.decimal("items.0.suggestedQuantity")), before.body());
        assertEquals("N", before.text("items.1.sku"));
        assertNull(before.at("items.1.supplierCode"), before.body());
        // 5 + 5 - 2 = 8
        assertEquals(0, new BigDecimal("8").compareTo(before.decimal("items.1.suggestedQuantity")), before.body());

        assertEquals(200, deliver(low("A", "WH1", "4")).status());
        var after = api.get("/api/replenishment/suggestions?sku=A&warehouseCode=WH1");
        assertEquals(1, after.list("items").size(), after.body());
        assertEquals(0, new BigDecimal("56").compareTo(after.decimal("items.0.onOrder")), after.body());
        assertEquals(0, BigDecimal.ZERO.compareTo(after.decimal("items.0.suggestedQuantity")), after.body());

        var paged = api.get("/api/replenishment/suggestions?size=1&page=1&sort=-sku");
        assertEquals(2L, ((Number) paged.at("totalItems")).longValue(), paged.body());
        assertEquals("A", paged.text("items.0.sku"), paged.body());
    }

    @Test
    void shouldAnswer400NamingABadParameterAnd401WithoutAToken() {
        var size = api.get("/api/replenishment/suggestions?size=0");
        assertEquals(400, size.status());
        assertEquals("application/problem+json", size.contentType());
        assertEquals(List.of("size"), size.errorFields());
        var sort = api.get("/api/replenishment/suggestions?sort=price");
        assertEquals(400, sort.status());
        assertEquals(List.of("sort"), sort.errorFields());
        assertEquals(401, api.withAuthorization(null).get("/api/replenishment/suggestions").status());
    }

    private StockEvents.Low low(String sku, String warehouse, String available) {
        return new StockEvents.Low(UUID.randomUUID().toString(), tenant, sku, Instant.now(), sku, warehouse,
                new BigDecimal(available), BigDecimal.TEN, new BigDecimal("50"), "SUP1");
    }

    private Api.Response deliver(StockEvents.Low event) {
        return api.deliverEvent(event.eventId(), event.eventType().type(), "/psi/stock-adjust", event.occurredAt(), event);
    }

    /** The DRAFT orders for a SKU with their one line, oldest first. */
    private List<Map<String, Object>> drafts(String sku) {
        var numbers = Rows.column("SELECT o.number FROM purchase_orders o JOIN purchase_order_lines l ON l.order_id = o.id"
                + " JOIN products p ON p.id = l.product_id WHERE o.tenant_id = ? AND o.status = 'DRAFT' AND p.sku = ?"
                + " ORDER BY o.id", tenant, sku);
        var drafts = new ArrayList<Map<String, Object>>();
        for (String number : numbers) {
            drafts.add(Rows.one("SELECT o.number, o.total_amount, o.replenished_from, l.quantity, l.unit_price,"
                    + " s.code AS supplier_code, w.code AS warehouse_code FROM purchase_orders o"
                    + " JOIN purchase_order_lines l ON l.order_id = o.id JOIN suppliers s ON s.id = o.supplier_id"
                    + " JOIN warehouses w ON w.id = o.warehouse_id WHERE o.tenant_id = ? AND o.number = ?", tenant, number));
        }
        return drafts;
    }

    private void order(String number, String status, String sku, String quantity, String received) {
        Rows.execute("INSERT INTO purchase_orders (tenant_id, number, supplier_id, warehouse_id, status, total_amount,"
                + " created_at, updated_at) VALUES (?, ?, (SELECT id FROM suppliers WHERE tenant_id = ? AND code = 'SUP1'),"
                + " (SELECT id FROM warehouses WHERE tenant_id = ? AND code = 'WH1'), ?, 0, NOW(6), NOW(6))",
                tenant, number, tenant, tenant, status);
        Rows.execute("INSERT INTO purchase_order_lines (tenant_id, order_id, line_no, product_id, quantity, unit_price,"
                + " received_quantity) VALUES (?, (SELECT id FROM purchase_orders WHERE tenant_id = ? AND number = ?), 1,"
                + " (SELECT id FROM products WHERE tenant_id = ? AND sku = ?), ?, 2.50, ?)",
                tenant, tenant, number, tenant, sku, new BigDecimal(quantity), new BigDecimal(received));
    }

    private void stock(String sku, String warehouse, String onHand) {
        Rows.execute("INSERT INTO stock (tenant_id, product_id, warehouse_id, on_hand, updated_at) VALUES (?,"
                + " (SELECT id FROM products WHERE tenant_id = ? AND sku = ?),"
                + " (SELECT id FROM warehouses WHERE tenant_id = ? AND code = ?), ?, NOW(6))",
                tenant, tenant, sku, tenant, warehouse, new BigDecimal(onHand));
    }
}
