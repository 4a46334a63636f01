package dev.psi.order.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.psi.contract.events.Lines;
import dev.psi.contract.events.StockEvents;
import dev.psi.testing.Api;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two commands on one order, the second given while the first is still in flight (stock-adjust has
 * not answered yet): the second must not promise what the first already asked for, and nothing
 * shipped or received can be cancelled.
 */
@MicronautTest
class CommandPairsIT extends WorkflowTestBase {

    @Test
    void shouldRefuseToCancelAConfirmedOrderWhoseShipmentIsInFlightAndShipIt() {
        confirmed("SO-1");
        assertEquals(202, ship("SO-1").status());

        var cancel = api.post("/api/sales-orders/SO-1/cancel", Map.of());

        assertEquals(409, cancel.status(), cancel.body());
        assertEquals("urn:psi:problem:illegal-transition", cancel.text("type"));
        assertEquals(0L, outbox("SO-1", "psi.sales-order.cancelled.v1"), "no release asked of stock-adjust");
        deliver(new StockEvents.Issued(id(), tenant, "SO-1", Instant.now(), "SO-1", "SH-1", "WH1",
                List.of(new Lines.Priced("A", new BigDecimal("3"), BigDecimal.ONE))));
        assertEquals("SHIPPED", order("SO-1").text("status"));
    }

    @Test
    void shouldLetAnOrderBeCancelledAgainOnceItsShipmentWasRefused() {
        confirmed("SO-1");
        assertEquals(202, ship("SO-1").status());
        deliver(new StockEvents.IssueRejected(id(), tenant, "SO-1", Instant.now(), "SO-1", "SH-1", "WH1",
                "The shipment exceeds what the order holds reserved",
                List.of(new Lines.Short("A", new BigDecimal("3"), BigDecimal.ZERO))));

        assertEquals(202, api.post("/api/sales-orders/SO-1/cancel", Map.of()).status(), "nothing shipped, nothing in flight");
    }

    /** A second command while the first is in flight; {@code expected} is the second's status. */
    record Pair(String name, Step setup, Step first, Step second, int expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface Step {
        Api.Response run(CommandPairsIT test, String number);
    }

    Stream<Pair> pairs() {
        Step confirmed = CommandPairsIT::confirmed;
        Step partlyShipped = CommandPairsIT::partlyShipped;
        Step submitted = CommandPairsIT::submitted;
        Step partlyReceived = CommandPairsIT::partlyReceived;
        Step ship = CommandPairsIT::ship;
        Step shipOne = (t, n) -> t.lines("/api/sales-orders/" + n + "/shipments", "A", 1);
        Step cancelSales = (t, n) -> t.api.post("/api/sales-orders/" + n + "/cancel", Map.of());
        Step returnOne = (t, n) -> t.lines("/api/sales-orders/" + n + "/returns", "A", 1);
        Step receive = (t, n) -> t.api.post("/api/purchase-orders/" + n + "/receipts", Map.of());
        Step receiveOne = (t, n) -> t.lines("/api/purchase-orders/" + n + "/receipts", "A", 1);
        Step cancelPurchase = (t, n) -> t.api.post("/api/purchase-orders/" + n + "/cancel", Map.of());
        Step returnOneOut = (t, n) -> t.lines("/api/purchase-orders/" + n + "/returns", "A", 1);
        Step returnTwoOut = (t, n) -> t.lines("/api/purchase-orders/" + n + "/returns", "A", 2);
        return Stream.of(
                new Pair("ship all, then cancel", confirmed, ship, cancelSales, 409),
                new Pair("ship part, then cancel", confirmed, shipOne, cancelSales, 409),
                new Pair("ship all, then ship", confirmed, ship, ship, 409),
                new Pair("ship all, then ship one", confirmed, ship, shipOne, 400),
                new Pair("ship part, then return", confirmed, shipOne, returnOne, 409),
                new Pair("cancel, then ship", confirmed, cancelSales, ship, 409),
                new Pair("cancel, then cancel", confirmed, cancelSales, cancelSales, 409),
                new Pair("cancel, then return", confirmed, cancelSales, returnOne, 409),
                new Pair("return, then cancel", partlyShipped, returnOne, cancelSales, 409),
                new Pair("return, then return the same unit", partlyShipped, returnOne, returnOne, 400),
                new Pair("return, then ship the rest", partlyShipped, returnOne, ship, 202),
                new Pair("ship the rest, then return", partlyShipped, ship, returnOne, 202),
                new Pair("receive part, then cancel", submitted, receiveOne, cancelPurchase, 409),
                new Pair("receive all, then receive", submitted, receive, receive, 409),
                new Pair("receive part, then return", submitted, receiveOne, returnOneOut, 409),
                new Pair("cancel, then receive", submitted, cancelPurchase, receive, 409),
                new Pair("cancel, then cancel (purchase)", submitted, cancelPurchase, cancelPurchase, 409),
                new Pair("return, then cancel (purchase)", partlyReceived, returnOneOut, cancelPurchase, 409),
                new Pair("return, then return more than is left", partlyReceived, returnOneOut, returnTwoOut, 400),
                new Pair("return, then receive the rest", partlyReceived, returnOneOut, receive, 202),
                new Pair("receive the rest, then return", partlyReceived, receive, returnTwoOut, 202));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void shouldAnswerTheSecondOfTwoCommandsGivenWhileTheFirstIsInFlight(Pair pair) {
        pair.setup().run(this, "X-1");
        var first = pair.first().run(this, "X-1");
        assertEquals(202, first.status(), pair.name() + ", first: " + first.body());

        var second = pair.second().run(this, "X-1");

        assertEquals(pair.expected(), second.status(), pair.name() + ", second: " + second.body());
    }

    private Api.Response confirmed(String number) {
        OrderSeed.salesOrder(tenant, number, "A", 3);
        return deliver(new StockEvents.Reserved(id(), tenant, number, Instant.now(), number, "WH1", List.of(qty("A", "3"))));
    }

    /** Confirmed, 1 of 3 shipped. */
    private Api.Response partlyShipped(String number) {
        confirmed(number);
        assertEquals(202, lines("/api/sales-orders/" + number + "/shipments", "A", 1).status());
        return deliver(new StockEvents.Issued(id(), tenant, number, Instant.now(), number, "SH-0", "WH1",
                List.of(new Lines.Priced("A", BigDecimal.ONE, BigDecimal.ONE))));
    }

    private Api.Response submitted(String number) {
        OrderSeed.purchaseOrder(tenant, number, "A", 5);
        return order("/api/purchase-orders/" + number);
    }

    /** Submitted, 2 of 5 received. */
    private Api.Response partlyReceived(String number) {
        submitted(number);
        assertEquals(202, lines("/api/purchase-orders/" + number + "/receipts", "A", 2).status());
        return deliver(new StockEvents.Received(id(), tenant, number, Instant.now(), number, "GR-0", "WH1",
                List.of(new Lines.Priced("A", new BigDecimal("2"), BigDecimal.TEN))));
    }

    private Api.Response ship(String number) {
        return api.post("/api/sales-orders/" + number + "/shipments", Map.of());
    }

    private Api.Response lines(String path, String sku, int quantity) {
        return api.post(path, Map.of("lines", List.of(Map.of("sku", sku, "quantity", quantity))));
    }
}
