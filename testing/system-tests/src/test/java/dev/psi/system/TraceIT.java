package dev.psi.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.testing.TestInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One trace per order: a sales order created with a known W3C {@code traceparent} keeps that trace
 * id through order-create, stock-adjust and order-workflow, in their logs and in its events.
 */
class TraceIT {

    @Test
    void shouldCarryTheTraceOfTheCreateThroughTheWholeChain() throws SQLException {
        var order = TracedOrder.confirmed();
        String tenant = order.tenant();
        String number = order.number();
        String traceId = order.traceId();
        String parentSpan = order.parentSpan();

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
}
