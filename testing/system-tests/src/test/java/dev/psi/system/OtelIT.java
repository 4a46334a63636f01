package dev.psi.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.psi.testing.TestInfrastructure;
import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * OpenTelemetry export across the chain: with {@code OTEL_EXPORTER_OTLP_ENDPOINT} set (failsafe's
 * {@code otel-export} execution, see pom.xml) the functions send their spans over OTLP/HTTP to a
 * real receiver in this test. One sales order is one trace: the spans of order-create, stock-adjust
 * and order-workflow all carry the trace id of the create's {@code traceparent}, the create's server
 * span is the child of that header, and the traceparent of each of the order's events is a span that
 * was exported.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OtelIT {

    private static final String ENDPOINT = System.getenv("OTEL_EXPORTER_OTLP_ENDPOINT");
    private static final List<String> CHAIN = List.of("order-create", "stock-adjust", "order-workflow");

    private OtlpReceiver receiver;

    @BeforeAll
    void startReceiver() throws Exception {
        assumeTrue(ENDPOINT != null, "runs in failsafe's otel-export execution, which sets OTEL_EXPORTER_OTLP_ENDPOINT");
        receiver = OtlpReceiver.start(URI.create(ENDPOINT).getPort());
    }

    @AfterAll
    void stopReceiver() {
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void shouldExportOneTracePerOrderFromAllThreeFunctions() throws SQLException {
        var order = TracedOrder.confirmed();
        String tenant = order.tenant();
        String number = order.number();
        String traceId = order.traceId();
        String parentSpan = order.parentSpan();

        // the spans of the trace, from all three functions (batches leave every OTEL_BSP_SCHEDULE_DELAY)
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertTrue(servicesOf(traceId).containsAll(CHAIN), "spans of the order's trace came from "
                        + servicesOf(traceId) + "; all received: " + receiver.spans()));
        var trace = receiver.spans().stream().filter(s -> s.traceId().equals(traceId)).toList();
        assertTrue(receiver.contentTypes().stream().allMatch(t -> t.startsWith("application/x-protobuf")),
                "OTLP/HTTP protobuf: " + receiver.contentTypes());

        // the create's server span is the child of the caller's traceparent
        assertTrue(trace.stream().anyMatch(s -> s.service().equals("order-create") && s.kind().equals("SPAN_KIND_SERVER")
                        && s.parentSpanId().equals(parentSpan)),
                "order-create's server span continues the caller's span " + parentSpan + ": " + trace);
        // the consumers' event spans (POST /events) are in the same trace, as consumer spans
        for (String consumer : List.of("stock-adjust", "order-workflow")) {
            assertTrue(trace.stream().anyMatch(s -> s.service().equals(consumer) && s.kind().equals("SPAN_KIND_CONSUMER")),
                    consumer + " handled the order's event in a span of its trace: " + trace);
        }

        // the order's events: each traceparent names a span that was exported, in the same trace
        Set<String> exported = trace.stream().map(OtlpReceiver.ReceivedSpan::spanId).collect(Collectors.toSet());
        var traceparents = new ArrayList<String>();
        try (var connection = TestInfrastructure.get().connection();
             var statement = connection.prepareStatement(
                     "SELECT traceparent FROM outbox WHERE tenant_id = ? AND aggregate_id = ? ORDER BY id")) {
            statement.setString(1, tenant);
            statement.setString(2, number);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    traceparents.add(rows.getString("traceparent"));
                }
            }
        }
        assertFalse(traceparents.isEmpty(), "the order has events");
        for (String traceparent : traceparents) {
            assertTrue(traceparent != null && traceparent.startsWith("00-" + traceId + "-"),
                    "the event continues the trace: " + traceparents);
            String span = traceparent.substring(36, 52);
            assertTrue(exported.contains(span), "the event's span " + span + " was exported: " + trace);
        }
    }

    private Set<String> servicesOf(String traceId) {
        return receiver.spans().stream().filter(s -> s.traceId().equals(traceId))
                .map(OtlpReceiver.ReceivedSpan::service).collect(Collectors.toSet());
    }
}
