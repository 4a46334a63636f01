package dev.psi.order.workflow;

import static dev.psi.testing.StockInvariants.decimal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.contract.events.Lines;
import dev.psi.contract.events.StockEvents;
import dev.psi.testing.Api;
import dev.psi.testing.Fixtures;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Commands over HTTP; stock-adjust's answers posted to /events exactly as a KafkaSource delivers them. */
@MicronautTest
class OrderWorkflowIT extends WorkflowTestBase {

    @Test
    void shouldConfirmOnReservationShipOnIssueAndApplyARepeatedAnswerOnce() {
        OrderSeed.salesOrder(tenant, "SO-1", "A", 3, "B", 2);
        var reserved = new StockEvents.Reserved(id(), tenant, "SO-1", Instant.now(), "SO-1", "WH1",
                List.of(qty("A", "3"), qty("B", "2")));

        assertEquals(200, deliver(reserved).status());
        assertEquals(200, deliver(reserved).status(), "a duplicate delivery is acknowledged");
        assertEquals("CONFIRMED", order("SO-1").text("status"));
        assertEquals(1L, history("SO-1", "CONFIRMED"), "applied once");

        var shipment = api.post("/api/sales-orders/SO-1/shipments", Map.of("lines", List.of(Map.of("sku", "A", "quantity", 1))));
        assertEquals(202, shipment.status(), shipment.body());
        assertEquals(1L, outbox("SO-1", "psi.sales-order.shipment-requested.v1"));
        var tooMuch = api.post("/api/sales-orders/SO-1/shipments", Map.of("lines", List.of(Map.of("sku", "A", "quantity", 3))));
        assertEquals(400, tooMuch.status(), "2 of A are left once 1 is in flight: " + tooMuch.body());

        deliver(new StockEvents.Issued(id(), tenant, "SO-1", Instant.now(), "SO-1", "SH-1", "WH1",
                List.of(new Lines.Priced("A", BigDecimal.ONE, new BigDecimal("4.5")))));
        var partly = order("SO-1");
        assertEquals("PARTIALLY_SHIPPED", partly.text("status"));
        assertEquals(0, BigDecimal.ONE.compareTo(partly.decimal("lines.0.shippedQuantity")));
        assertEquals(0, new BigDecimal("4.5").compareTo(partly.decimal("lines.0.unitCost")));

        assertEquals(202, api.post("/api/sales-orders/SO-1/shipments", Map.of()).status(), "an empty shipment ships the rest");
        deliver(new StockEvents.Issued(id(), tenant, "SO-1", Instant.now(), "SO-1", "SH-2", "WH1",
                List.of(new Lines.Priced("A", new BigDecimal("2"), new BigDecimal("4.5")),
                        new Lines.Priced("B", new BigDecimal("2"), new BigDecimal("1")))));
        var shipped = order("SO-1");
        assertEquals("SHIPPED", shipped.text("status"));
        assertEquals(List.of("CONFIRMED", "PARTIALLY_SHIPPED", "SHIPPED"), shipped.list("history").stream()
                .map(h -> ((Map<?, ?>) h).get("to")).toList(), shipped.body());
        assertTrue(shipped.list("events").size() >= 3, "the events that moved it: " + shipped.body());
    }

    @Test
    void shouldRejectAnOrderWithTheShortLinesAndRefuseToShipIt() {
        OrderSeed.salesOrder(tenant, "SO-2", "A", 30);
        deliver(new StockEvents.ReservationRejected(id(), tenant, "SO-2", Instant.now(), "SO-2", "WH1",
                "Insufficient stock: SKU A in warehouse WH1: requested 30, available 10",
                List.of(new Lines.Short("A", new BigDecimal("30"), BigDecimal.TEN))));

        var order = order("SO-2");
        assertEquals("REJECTED", order.text("status"));
        assertTrue(order.text("rejectionReason").contains("requested 30, available 10"));
        var ship = api.post("/api/sales-orders/SO-2/shipments", Map.of());
        assertEquals(409, ship.status());
        assertEquals("urn:psi:problem:illegal-transition", ship.text("type"));
        assertEquals(409, api.post("/api/sales-orders/SO-2/cancel", Map.of()).status());
        assertEquals(0L, outbox("SO-2", "psi.sales-order.shipment-requested.v1"), "an illegal command changes nothing");
    }

    @Test
    void shouldCancelOnlyOnceTheReservationIsReleased() {
        OrderSeed.salesOrder(tenant, "SO-3", "A", 1);
        deliver(new StockEvents.Reserved(id(), tenant, "SO-3", Instant.now(), "SO-3", "WH1", List.of(qty("A", "1"))));

        var cancel = api.post("/api/sales-orders/SO-3/cancel", Map.of("reason", "customer changed mind"));
        assertEquals(202, cancel.status(), cancel.body());
        assertEquals("CANCELLING", cancel.text("status"));
        assertEquals(1L, outbox("SO-3", "psi.sales-order.cancelled.v1"));
        deliver(new StockEvents.Released(id(), tenant, "SO-3", Instant.now(), "SO-3", "WH1", List.of(qty("A", "1"))));
        assertEquals("CANCELLED", order("SO-3").text("status"));
    }

    @Test
    void shouldReceiveAPurchaseOrderInPartsAndRefuseOverReceipt() {
        OrderSeed.purchaseOrder(tenant, "PO-1", "A", 10);

        var over = api.post("/api/purchase-orders/PO-1/receipts", Map.of("lines", List.of(Map.of("sku", "A", "quantity", 11))));
        assertEquals(400, over.status(), over.body());
        assertEquals("lines[0].quantity", over.text("errors.0.field"));
        var first = api.post("/api/purchase-orders/PO-1/receipts", Map.of("lines", List.of(Map.of("sku", "A", "quantity", 4))));
        assertEquals(202, first.status(), first.body());
        deliver(new StockEvents.Received(id(), tenant, "PO-1", Instant.now(), "PO-1", "GR-1", "WH1",
                List.of(new Lines.Priced("A", new BigDecimal("4"), BigDecimal.TEN))));
        assertEquals("PARTIALLY_RECEIVED", order("/api/purchase-orders/PO-1").text("status"));
        assertEquals(409, api.post("/api/purchase-orders/PO-1/cancel", Map.of()).status(), "received goods cannot be cancelled");

        assertEquals(202, api.post("/api/purchase-orders/PO-1/receipts", Map.of()).status(), "receive the rest");
        deliver(new StockEvents.Received(id(), tenant, "PO-1", Instant.now(), "PO-1", "GR-2", "WH1",
                List.of(new Lines.Priced("A", new BigDecimal("6"), BigDecimal.TEN))));
        var received = order("/api/purchase-orders/PO-1");
        assertEquals("RECEIVED", received.text("status"));
        assertEquals(0, BigDecimal.TEN.compareTo(received.decimal("lines.0.receivedQuantity")));
        assertEquals(409, api.post("/api/purchase-orders/PO-1/receipts", Map.of()).status());
    }

    @Test
    void shouldShowAPricedOrdersFiguresAndReceiveAtTheNetUnitPrice() {
        OrderSeed.purchaseOrder(tenant, "PO-T", "A", 4);
        // As order-create stores 4 x 10.00 at 13 % less a 10 % document discount: net 36.00, tax 4.68, gross 40.68.
        dev.psi.testing.Rows.execute("UPDATE purchase_order_lines SET tax_rate = 13, document_discount = 4.00,"
                + " net_amount = 36.00, tax_amount = 4.68, gross_amount = 40.68, net_unit_price = 9.000000"
                + " WHERE tenant_id = ?", tenant);
        dev.psi.testing.Rows.execute("UPDATE purchase_orders SET total_amount = 40.68, net_amount = 36.00,"
                + " tax_amount = 4.68, discount_percent = 10, discount_amount = 4.00 WHERE tenant_id = ?", tenant);

        var order = order("/api/purchase-orders/PO-T");
        assertEquals(0, new BigDecimal("40.68").compareTo(order.decimal("totalAmount")), order.body());
        assertEquals(0, new BigDecimal("36.00").compareTo(order.decimal("netAmount")));
        assertEquals(0, new BigDecimal("4.68").compareTo(order.decimal("taxAmount")));
        assertEquals(0, new BigDecimal("4.00").compareTo(order.decimal("discountAmount")));
        assertEquals(0, new BigDecimal("40.68").compareTo(order.decimal("lines.0.grossAmount")));
        assertEquals(0, new BigDecimal("9").compareTo(order.decimal("lines.0.netUnitPrice")));
        assertEquals(0, new BigDecimal("13").compareTo(order.decimal("lines.0.taxRate")));

        assertEquals(202, api.post("/api/purchase-orders/PO-T/receipts", Map.of()).status());
        String payload = (String) dev.psi.testing.Rows.one("SELECT payload FROM outbox WHERE tenant_id = ?"
                + " AND aggregate_id = 'PO-T' AND event_type = 'psi.purchase-order.goods-received.v1'", tenant).get("payload");
        assertTrue(payload.contains("\"unitPrice\":10") && payload.contains("\"netUnitPrice\":9")
                && payload.contains("\"taxRate\":13"), "stock-adjust costs the receipt at the net price: " + payload);
    }

    @Test
    void shouldCancelAnUnreceivedPurchaseOrderAndRefuseToReceiveIt() {
        OrderSeed.purchaseOrder(tenant, "PO-2", "A", 5);

        assertEquals(202, api.post("/api/purchase-orders/PO-2/cancel", Map.of()).status());
        assertEquals("CANCELLED", order("/api/purchase-orders/PO-2").text("status"));
        var receive = api.post("/api/purchase-orders/PO-2/receipts", Map.of());
        assertEquals(409, receive.status());
        assertEquals(0L, outbox("PO-2", "psi.purchase-order.goods-received.v1"));
    }

    @Test
    void shouldAnswerAnEventAboutAnUnknownOrderWithAClientError() {
        var response = deliver(new StockEvents.Reserved(id(), tenant, "SO-404", Instant.now(), "SO-404", "WH1",
                List.of(qty("A", "1"))));

        assertEquals(400, response.status(), "can never succeed: dead-letter it, " + response.body());
    }

    @Test
    void shouldListOrdersByStatusAndAnswerUnknownOnesWith404() {
        OrderSeed.salesOrder(tenant, "SO-5", "A", 1);
        OrderSeed.salesOrder(tenant, "SO-6", "A", 1);
        deliver(new StockEvents.Reserved(id(), tenant, "SO-6", Instant.now(), "SO-6", "WH1", List.of(qty("A", "1"))));

        var confirmed = api.get("/api/sales-orders?status=CONFIRMED&customerCode=CUS1");
        assertEquals(1L, ((Number) confirmed.at("totalItems")).longValue(), confirmed.body());
        assertEquals("SO-6", confirmed.text("items.0.number"));
        assertEquals(404, api.get("/api/sales-orders/SO-NOPE").status());
        assertEquals(404, api.as(Fixtures.newTenant()).get("/api/sales-orders/SO-6").status());
    }

    private long history(String number, String status) {
        return decimal("SELECT COUNT(*) FROM order_status_history WHERE tenant_id = ? AND order_number = ? AND to_status = ?",
                tenant, number, status).longValue();
    }
}
