package dev.psi.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.testing.Api;
import dev.psi.testing.Fixtures;
import dev.psi.testing.TestInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * One trace per order: a sales order created with a known W3C {@code traceparent} keeps that trace
 * id through order-create, stock-adjust and order-workflow, in their logs and in its events.
 */
class TraceIT {

    @Test
    void shouldCarryTheTraceOfTheCreateThroughTheWholeChain() throws SQLException {
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

        // the order's events: placed (order-create), reserved (stock-adjust)
        var traceparents = new ArrayList<String>();
        var types = new ArrayList<String>();
        var sources = new java.util.HashMap<String, String>();
        try (var connection = TestInfrastructure.get().connection();
             var statement = connection.prepareStatement(
                     "SELECT event_type, source, traceparent FROM outbox WHERE tenant_id = ? AND aggregate_id = ? ORDER BY id")) {
            statement.setString(1, tenant);
            statement.setString(2, number);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    types.add(rows.getString("event_type"));
                    sources.put(rows.getString("event_type"), rows.getString("source"));
                    traceparents.add(rows.getString("traceparent"));
                }
            }
        }
        assertTrue(types.containsAll(List.of("psi.sales-order.placed.v1", "psi.stock.reserved.v1")), types.toString());
        // the CloudEvent source names the producing function (docs/asyncapi.yaml: /psi/<function>)
        assertEquals("/psi/order-create", sources.get("psi.sales-order.placed.v1"), sources.toString());
        assertEquals("/psi/stock-adjust", sources.get("psi.stock.reserved.v1"), sources.toString());
        for (String traceparent : traceparents) {
            assertTrue(traceparent != null && traceparent.matches("00-" + traceId + "-[0-9a-f]{16}-01"),
                    "every event of the order continues the trace: " + traceparents);
            assertTrue(!traceparent.contains(parentSpan), "each hop is a new span: " + traceparents);
        }

        for (String function : List.of("order-create", "stock-adjust", "order-workflow")) {
            Path log = SystemUnderTest.get().logFile(function);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertTrue(read(log).contains(traceId), function + "'s log has the trace id"));
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1;
        return HexFormat.of().formatHex(random);
    }
}
