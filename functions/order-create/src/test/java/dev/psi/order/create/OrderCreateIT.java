package dev.psi.order.create;

import static dev.psi.testing.Fixtures.aProduct;
import static dev.psi.testing.StockInvariants.decimal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.testing.Api;
import dev.psi.testing.Fixtures;
import dev.psi.testing.TenantTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MicronautTest
class OrderCreateIT extends TenantTest {

    @BeforeEach
    void catalog() {
        Fixtures.warehouse(tenant, "WH1");
        Fixtures.supplier(tenant, "SUP1");
        Fixtures.customer(tenant, "CUS1");
        aProduct(tenant, "A").salePrice("12.50").create();
        aProduct(tenant, "B").salePrice("3.00").create();
        aProduct(tenant, "OLD").inactive().create();
    }

    @Test
    void shouldPlaceASalesOrderWithItsEventInOneTransaction() {
        var response = api.post("/api/sales-orders", salesOrder(line("A", "2", null), line("B", "1", "2.75")));

        assertEquals(201, response.status(), response.body());
        String number = response.text("number");
        assertTrue(number.matches("SO-\\d{4}-000001"), number);
        assertEquals("/api/sales-orders/" + number, response.header("Location"));
        assertEquals("PLACED", response.text("status"));
        assertEquals(0, new BigDecimal("12.5").compareTo(response.decimal("lines.0.unitPrice")), "defaults to the sale price");
        assertEquals(0, new BigDecimal("27.75").compareTo(response.decimal("totalAmount")));
        assertEquals(1L, count("SELECT COUNT(*) FROM sales_orders WHERE tenant_id = ? AND number = ?", number));
        assertEquals(2L, count("SELECT COUNT(*) FROM sales_order_lines l JOIN sales_orders o ON o.id = l.order_id"
                + " WHERE o.tenant_id = ? AND o.number = ?", number));
        assertEquals(1L, count("SELECT COUNT(*) FROM outbox WHERE tenant_id = ? AND aggregate_id = ?"
                + " AND event_type = 'psi.sales-order.placed.v1' AND topic = 'psi.sales-orders'", number));
    }

    @Test
    void shouldSubmitAPurchaseOrder() {
        var response = api.post("/api/purchase-orders", Map.of("supplierCode", "SUP1", "warehouseCode", "WH1",
                "expectedDate", "2026-12-24", "note", "for Christmas", "lines", List.of(line("A", "10", "8.00"))));

        assertEquals(201, response.status(), response.body());
        assertTrue(response.text("number").matches("PO-\\d{4}-000001"));
        assertEquals("SUBMITTED", response.text("status"));
        assertEquals("2026-12-24", response.text("expectedDate"));
        assertEquals(0, new BigDecimal("80.00").compareTo(response.decimal("totalAmount")));
        assertEquals(1L, count("SELECT COUNT(*) FROM outbox WHERE tenant_id = ? AND aggregate_id = ?"
                + " AND event_type = 'psi.purchase-order.submitted.v1'", response.text("number")));
    }

    @Test
    void shouldRejectBadOrdersWithFieldErrorsAndWriteNothing() {
        var empty = api.post("/api/sales-orders", Map.of("customerCode", "CUS1", "warehouseCode", "WH1", "lines", List.of()));
        var zero = api.post("/api/sales-orders", salesOrder(line("A", "0", null)));
        var negative = api.post("/api/sales-orders", salesOrder(line("A", "-1", null)));
        var duplicate = api.post("/api/sales-orders", salesOrder(line("A", "1", null), line("A", "2", null)));
        var inactive = api.post("/api/sales-orders", salesOrder(line("OLD", "1", null)));
        var unknown = api.post("/api/sales-orders", Map.of("customerCode", "NOBODY", "warehouseCode", "NOWHERE",
                "lines", List.of(line("NOPE", "1", null))));
        var supplierAsCustomer = api.post("/api/purchase-orders", Map.of("supplierCode", "CUS1", "warehouseCode", "WH1",
                "lines", List.of(line("A", "1", "1"))));

        for (var response : List.of(empty, zero, negative, duplicate, inactive, unknown, supplierAsCustomer)) {
            assertEquals(400, response.status(), response.body());
            assertEquals("application/problem+json", response.header("Content-Type"));
            assertTrue(!response.list("errors").isEmpty(), response.body());
        }
        assertEquals("lines[1].sku", duplicate.text("errors.0.field"));
        assertEquals("lines[0].sku", inactive.text("errors.0.field"));
        assertTrue(inactive.text("errors.0.message").contains("inactive"));
        assertEquals(3, unknown.list("errors").size(), "customer, warehouse and product reported together");
        assertEquals(0L, count("SELECT COUNT(*) FROM sales_orders WHERE tenant_id = ? AND ? IS NOT NULL", "x"));
        assertEquals(0L, count("SELECT COUNT(*) FROM purchase_orders WHERE tenant_id = ? AND ? IS NOT NULL", "x"));
        assertEquals(0L, count("SELECT COUNT(*) FROM outbox WHERE tenant_id = ? AND ? IS NOT NULL", "x"));
        assertEquals(0L, count("SELECT COUNT(*) FROM document_sequences WHERE tenant_id = ? AND ? IS NOT NULL", "x"));
    }

    @Test
    void shouldReturnTheFirstOrderForARepeatedIdempotencyKey() {
        var first = api.post("/api/sales-orders", salesOrder(line("A", "1", null)), "Idempotency-Key", "order-42");
        var again = api.post("/api/sales-orders", salesOrder(line("A", "1", null)), "Idempotency-Key", "order-42");
        var different = api.post("/api/sales-orders", salesOrder(line("A", "5", null)), "Idempotency-Key", "order-42");

        assertEquals(201, first.status());
        assertEquals(201, again.status());
        assertEquals(first.text("number"), again.text("number"));
        assertEquals(422, different.status());
        assertEquals(1L, count("SELECT COUNT(*) FROM sales_orders WHERE tenant_id = ? AND ? IS NOT NULL", "x"));
    }

    @Test
    void shouldNumberConcurrentOrdersWithoutGapsOrRepeats() throws Exception {
        var pool = Executors.newFixedThreadPool(16);
        var calls = new ArrayList<Callable<Api.Response>>();
        for (int i = 0; i < 40; i++) {
            calls.add(() -> api.post("/api/sales-orders", salesOrder(line("B", "1", null))));
        }
        var numbers = new HashSet<String>();
        try {
            for (Future<Api.Response> response : pool.invokeAll(calls)) {
                assertEquals(201, response.get().status(), response.get().body());
                numbers.add(response.get().text("number"));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(40, numbers.size());
        for (int n = 1; n <= 40; n++) {
            String suffix = String.format("-%06d", n);
            assertTrue(numbers.stream().anyMatch(number -> number.endsWith(suffix)), "missing number " + suffix);
        }
    }

    @Test
    void shouldNumberEachTenantOnItsOwn() {
        var mine = api.post("/api/sales-orders", salesOrder(line("A", "1", null)));
        String other = Fixtures.newTenant();
        Fixtures.warehouse(other, "WH1");
        Fixtures.customer(other, "CUS1");
        aProduct(other, "A").create();
        var theirs = api.as(other).post("/api/sales-orders", salesOrder(line("A", "1", null)));

        assertEquals(mine.text("number"), theirs.text("number"), "both tenants start at 000001");
        assertNotEquals(null, mine.text("number"));
        assertEquals(400, api.as(Fixtures.newTenant()).post("/api/sales-orders", salesOrder(line("A", "1", null))).status(),
                "another tenant's catalog is invisible");
    }

    @Test
    void shouldCountEachPlacedOrderOnceAndEachRefusedCreateAsInvalid() {
        double placed = ordersTotal("placed");
        double invalid = ordersTotal("invalid");

        assertEquals(201, api.post("/api/sales-orders", salesOrder(line("A", "1", null))).status());
        assertEquals(201, api.post("/api/sales-orders", salesOrder(line("B", "2", null))).status());
        assertEquals(400, api.post("/api/sales-orders", salesOrder(line("OLD", "1", null))).status());

        assertEquals(placed + 2, ordersTotal("placed"), "psi_orders_total{kind=sales,outcome=placed}");
        assertEquals(invalid + 1, ordersTotal("invalid"), "psi_orders_total{kind=sales,outcome=invalid}");
    }

    @Test
    void shouldRefuseALineWhoseAmountDoesNotFitTheOrderTotalWith400AndStoreNothing() {
        var response = api.post("/api/sales-orders", salesOrder(line("A", "99999999999999", "99999.99")));

        assertEquals(400, response.status(), response.body());
        assertEquals("lines[0]", response.text("errors.0.field"));
        assertEquals(0L, count("SELECT COUNT(*) FROM sales_orders WHERE tenant_id = ? AND ? IS NOT NULL", "x"));
    }

    @Test
    void shouldRefuseLinesWhoseSumDoesNotFitTheOrderTotalWith400() {
        // Each line fits DECIMAL(18,2); together they do not.
        var response = api.post("/api/sales-orders", salesOrder(line("A", "50000000", "100000000"),
                line("B", "50000000", "100000000")));

        assertEquals(400, response.status(), response.body());
        assertEquals("lines", response.text("errors.0.field"));
    }

    @Test
    void shouldRefuseANullLineWith400() {
        var response = api.post("/api/sales-orders", "{\"customerCode\":\"CUS1\",\"warehouseCode\":\"WH1\",\"lines\":[null]}");
        var purchase = api.post("/api/purchase-orders", "{\"supplierCode\":\"SUP1\",\"warehouseCode\":\"WH1\",\"lines\":[null]}");

        assertEquals(400, response.status(), response.body());
        assertEquals("lines[0]", response.text("errors.0.field"), response.body());
        assertEquals(400, purchase.status(), purchase.body());
    }

    /** The value of {@code psi_orders_total{kind="sales",outcome}} as /prometheus reports it. */
    private double ordersTotal(String outcome) {
        var matcher = java.util.regex.Pattern.compile("(?m)^psi_orders_total\\{kind=\"sales\",outcome=\"" + outcome
                + "\"} (\\S+)$").matcher(api.get("/prometheus").body());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private long count(String sql, Object arg) {
        return decimal(sql, tenant, arg).longValue();
    }

    private static Map<String, Object> salesOrder(Map<?, ?>... lines) {
        return Map.of("customerCode", "CUS1", "warehouseCode", "WH1", "lines", List.of(lines));
    }

    private static Map<String, Object> line(String sku, String quantity, String unitPrice) {
        var line = new java.util.LinkedHashMap<String, Object>();
        line.put("sku", sku);
        line.put("quantity", new BigDecimal(quantity));
        if (unitPrice != null) {
            line.put("unitPrice", new BigDecimal(unitPrice));
        }
        return line;
    }
}
