package dev.psi.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.psi.testing.Api;
import dev.psi.testing.Fixtures;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A sales order of a new tenant, created with a W3C {@code traceparent} of the test's own (trace id and parent span
 * chosen here) and confirmed through the whole chain: what the tracing tests follow through logs, events and spans.
 */
record TracedOrder(String tenant, String number, String traceId, String parentSpan) {

    static TracedOrder confirmed() {
        SystemUnderTest.get();
        String tenant = Fixtures.newTenant();
        Api catalog = SystemUnderTest.api("catalog", tenant);
        Api stock = SystemUnderTest.api("stock-adjust", tenant);
        Api orders = SystemUnderTest.api("order-create", tenant);
        Api workflow = SystemUnderTest.api("order-workflow", tenant);
        assertEquals(201, catalog.post("/api/warehouses", Map.of("code", "WH1", "name", "Main")).status());
        assertEquals(201, catalog.post("/api/customers", Map.of("code", "CUS1", "name", "A customer")).status());
        assertEquals(201, catalog.post("/api/products", Map.of("sku", "A", "name", "Apple", "unit", "pcs",
                "salePrice", 2.5, "purchasePrice", 1.0)).status());
        assertEquals(201, stock.post("/api/stock/adjustments", Map.of("warehouseCode", "WH1", "sku", "A",
                "quantity", new BigDecimal("5"), "reason", "FOUND", "unitCost", BigDecimal.ONE)).status());

        String traceId = hex(16);
        String parentSpan = hex(8);
        var created = orders.post("/api/sales-orders", Map.of("customerCode", "CUS1", "warehouseCode", "WH1",
                        "lines", List.of(Map.of("sku", "A", "quantity", BigDecimal.ONE))),
                "traceparent", "00-" + traceId + "-" + parentSpan + "-01");
        assertEquals(201, created.status(), created.body());
        String number = created.text("number");
        await().atMost(ChainIT.CHAIN).pollInterval(Duration.ofMillis(100))
                .until(() -> "CONFIRMED".equals(workflow.get("/api/sales-orders/" + number).text("status")));
        return new TracedOrder(tenant, number, traceId, parentSpan);
    }

    /** Random hex of {@code bytes} bytes, never all zeros (W3C forbids an all-zero trace or span id). */
    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1;
        return HexFormat.of().formatHex(random);
    }
}
