package dev.psi.stock;

import static dev.psi.stock.OrderEventFixtures.priced;
import static dev.psi.stock.OrderEventFixtures.qty;
import static dev.psi.stock.OrderEventFixtures.taxed;
import static dev.psi.testing.Fixtures.aProduct;
import static dev.psi.testing.StockInvariants.assertStockEqualsLedger;
import static dev.psi.testing.StockInvariants.decimal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.contract.events.Lines;
import dev.psi.contract.events.PsiEvent;
import dev.psi.contract.events.StockEvents;
import dev.psi.stock.movement.GoodsMovements;
import dev.psi.stock.reservation.OrderReservations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The order-driven stock operations, through the one interface, on the real database. */
@MicronautTest
class StockOperationsIT extends StockTestBase {

    @Inject
    OrderReservations reservations;
    @Inject
    GoodsMovements goods;

    @Test
    void shouldReserveExactlyFiftyOfTwoHundredConcurrentOneUnitReservations() throws Exception {
        receive("PO-1", List.of(priced("A", "50", "2.00")));

        var outcomes = race(200, i -> reservations.reserve(tx(), tenant, events.placed("SO-" + i, qty("A", "1")), null));

        assertEquals(50, outcomes.stream().filter(e -> e instanceof StockEvents.Reserved).count());
        assertEquals(150, outcomes.stream().filter(e -> e instanceof StockEvents.ReservationRejected).count());
        assertEquals(0, new BigDecimal("50").compareTo(stockOf("A", "reserved")));
        assertEquals(0, new BigDecimal("50").compareTo(stockOf("A", "on_hand")));
        assertStockEqualsLedger(tenantId);
    }

    @Test
    void shouldNeverReservePartOfAMultiLineOrderWhileSingleLineOrdersRace() throws Exception {
        receive("PO-1", List.of(priced("A", "10", "1"), priced("B", "10", "1")));

        var outcomes = race(60, i -> switch (i % 3) {
            case 0 -> reservations.reserve(tx(), tenant, events.placed("MULTI-" + i, qty("B", "1"), qty("A", "1")), null);
            case 1 -> reservations.reserve(tx(), tenant, events.placed("ONLY-A-" + i, qty("A", "1")), null);
            default -> reservations.reserve(tx(), tenant, events.placed("ONLY-B-" + i, qty("B", "1")), null);
        });

        for (PsiEvent outcome : outcomes) {
            String order = outcome.aggregateId();
            long lines = decimal("SELECT COUNT(*) FROM stock_reservations WHERE tenant_id = ? AND document_number = ?",
                    tenantId, order).longValue();
            if (outcome instanceof StockEvents.Reserved) {
                assertEquals(order.startsWith("MULTI") ? 2 : 1, lines, order);
            } else {
                assertEquals(0, lines, order + " was rejected but holds a reservation");
            }
        }
        BigDecimal reservedA = stockOf("A", "reserved");
        BigDecimal reservedB = stockOf("B", "reserved");
        assertEquals(0, new BigDecimal("10").compareTo(reservedA), "A is fully reserved by the race");
        assertEquals(0, new BigDecimal("10").compareTo(reservedB), "B is fully reserved by the race");
        assertEquals(0, reservedA.compareTo(decimal("SELECT SUM(r.quantity) FROM stock_reservations r JOIN products p"
                + " ON p.id = r.product_id WHERE r.tenant_id = ? AND p.sku = 'A'", tenantId)));
        assertStockEqualsLedger(tenantId);
    }

    @Test
    void shouldRejectAReservationNamingTheShortLinesAndHoldNothing() {
        receive("PO-1", List.of(priced("A", "5", "1"), priced("B", "1", "1")));

        var outcome = database.inTransaction(tx -> reservations.reserve(tx, tenant,
                events.placed("SO-9", qty("A", "3"), qty("B", "2")), "evt-9"));

        var rejected = assertInstanceOf(StockEvents.ReservationRejected.class, outcome);
        assertEquals(1, rejected.shortLines().size());
        assertEquals("B", rejected.shortLines().get(0).sku());
        assertEquals(0, new BigDecimal("2").compareTo(rejected.shortLines().get(0).requested()));
        assertEquals(0, BigDecimal.ONE.compareTo(rejected.shortLines().get(0).available()));
        assertEquals(0, BigDecimal.ZERO.compareTo(stockOf("A", "reserved")));
        assertEquals(1L, decimal("SELECT COUNT(*) FROM outbox WHERE tenant_id = ? AND event_type = ?", tenantId,
                "psi.stock.reservation-rejected.v1").longValue());
        assertStockEqualsLedger(tenantId);
    }

    @Test
    void shouldKeepTheMovingAverageCostRightThroughReceiptsAndIssues() {
        receive("PO-1", List.of(priced("A", "10", "5.00")));
        assertEquals(0, new BigDecimal("5").compareTo(stockOf("A", "average_cost")));
        receive("PO-2", List.of(priced("A", "30", "6.00")));
        // (10 x 5.00 + 30 x 6.00) / 40 = 230 / 40
        assertEquals(0, new BigDecimal("5.75").compareTo(stockOf("A", "average_cost")));

        database.inTransaction(tx -> reservations.reserve(tx, tenant, events.placed("SO-1", qty("A", "15")), null));
        var issued = assertInstanceOf(StockEvents.Issued.class, database.inTransaction(tx ->
                reservations.issue(tx, tenant, events.shipment("SO-1", "SH-1", qty("A", "15")), null)));
        assertEquals(0, new BigDecimal("5.75").compareTo(issued.lines().get(0).unitPrice()), "cost of goods at the average");
        assertEquals(0, new BigDecimal("25").compareTo(stockOf("A", "on_hand")));
        assertEquals(0, new BigDecimal("-86.25").compareTo(decimal("SELECT value_delta FROM stock_movements"
                + " WHERE tenant_id = ? AND movement_type = 'ISSUE'", tenantId)));

        receive("PO-3", List.of(priced("A", "5", "7.30")));
        // (25 x 5.75 + 5 x 7.30) / 30 = 180.25 / 30 = 6.0083333...
        assertEquals(0, new BigDecimal("6.008333").compareTo(stockOf("A", "average_cost")));
        receive("PO-4", List.of(priced("A", "3", "4.10")));
        // (30 x 6.008333 + 3 x 4.10) / 33 = 192.54999 / 33 = 5.8348481...
        assertEquals(0, new BigDecimal("5.834848").compareTo(stockOf("A", "average_cost")));
        assertEquals(0, new BigDecimal("33").compareTo(stockOf("A", "on_hand")));

        // A customer return comes back at its issue cost, and moves the average accordingly.
        database.inTransaction(tx -> goods.returnIn(tx, tenant, events.customerReturn("SO-1", "RT-1", priced("A", "2", "5.75")), null));
        // (33 x 5.834848 + 2 x 5.75) / 35 = 204.049984 / 35 = 5.82999954...
        assertEquals(0, new BigDecimal("5.830000").compareTo(stockOf("A", "average_cost")));
        assertStockEqualsLedger(tenantId);
    }

    @Test
    void shouldRaiseTheMovingAverageCostAtTheNetPriceOfATaxedReceipt() {
        // 10 at 11.30 including 13 % tax: net 10.00 a unit; input tax is not a cost.
        database.inTransaction(tx -> goods.receive(tx, tenant,
                events.taxedReceipt("PO-T1", "GR-T1", taxed("A", "10", "11.30", "10.00", "13")), null));
        assertEquals(0, new BigDecimal("10").compareTo(stockOf("A", "average_cost")));
        assertEquals(0, new BigDecimal("100.00").compareTo(decimal("SELECT value_delta FROM stock_movements"
                + " WHERE tenant_id = ? AND movement_type = 'RECEIPT'", tenantId)));

        // 5 at 20.00 less 10 % plus 13 %: net 18.00 a unit. (10 x 10.00 + 5 x 18.00) / 15 = 190 / 15 = 12.666667
        var received = assertInstanceOf(StockEvents.Received.class, database.inTransaction(tx -> goods.receive(tx, tenant,
                events.taxedReceipt("PO-T2", "GR-T2", taxed("A", "5", "20.00", "18.00", "13")), null)));
        assertEquals(0, new BigDecimal("18").compareTo(received.lines().get(0).unitPrice()), "received at the net price");
        assertEquals(0, new BigDecimal("12.666667").compareTo(stockOf("A", "average_cost")));
        assertStockEqualsLedger(tenantId);
    }

    @Test
    void shouldShipOnlyWhatTheOrderHoldsAndReleaseTheRest() {
        receive("PO-1", List.of(priced("A", "10", "1")));
        database.inTransaction(tx -> reservations.reserve(tx, tenant, events.placed("SO-1", qty("A", "6")), null));

        var tooMuch = database.inTransaction(tx -> reservations.issue(tx, tenant, events.shipment("SO-1", "SH-1", qty("A", "7")), null));
        assertInstanceOf(StockEvents.IssueRejected.class, tooMuch);
        assertInstanceOf(StockEvents.Issued.class,
                database.inTransaction(tx -> reservations.issue(tx, tenant, events.shipment("SO-1", "SH-2", qty("A", "4")), null)));
        var released = assertInstanceOf(StockEvents.Released.class,
                database.inTransaction(tx -> reservations.release(tx, tenant, events.cancelled("SO-1"), null)));
        var releasedAgain = assertInstanceOf(StockEvents.Released.class,
                database.inTransaction(tx -> reservations.release(tx, tenant, events.cancelled("SO-1"), null)));

        assertEquals(0, new BigDecimal("2").compareTo(released.lines().get(0).quantity()));
        assertTrue(releasedAgain.lines().isEmpty(), "a second release releases nothing");
        assertEquals(0, new BigDecimal("6").compareTo(stockOf("A", "on_hand")));
        assertEquals(0, BigDecimal.ZERO.compareTo(stockOf("A", "reserved")));
        assertStockEqualsLedger(tenantId);
    }

    @Test
    void shouldBookOnEachShipmentTheRevenueAtTheOrderLinesNetPrice() {
        receive("PO-1", List.of(priced("A", "10", "1"), priced("B", "10", "1")));
        // A on two lines (a producer that repeats a SKU): 3 at net 9.90 and 1 at net 11.00, their weighted
        // average (29.70 + 11.00) / 4 = 10.175; B from an event written before taxes: its unit price 5.50.
        var placed = events.placedPriced("SO-1", taxed("A", "3", "12.43", "9.90", "13"), taxed("A", "1", "12.43", "11.00", "13"),
                new Lines.Taxed("B", BigDecimal.ONE, new BigDecimal("5.50"), null, null, null, null));
        database.inTransaction(tx -> reservations.reserve(tx, tenant, placed, null));
        // The batched path (group commit) keeps the price too.
        var batched = events.placedPriced("SO-2", taxed("A", "4", "10.00", "8.851", "13"));
        database.inTransaction(tx -> {
            reservations.reserveAll(tx, List.of(new OrderReservations.Request(tenant, batched, "e-SO-2", null)));
            return null;
        });

        database.inTransaction(tx -> reservations.issue(tx, tenant, events.shipment("SO-1", "SH-1", qty("A", "2"), qty("B", "1")), null));
        database.inTransaction(tx -> reservations.issue(tx, tenant, events.shipment("SO-1", "SH-2", qty("A", "2")), null));
        database.inTransaction(tx -> reservations.issue(tx, tenant, events.shipment("SO-2", "SH-3", qty("A", "3")), null));
        database.inTransaction(tx -> goods.returnIn(tx, tenant, events.customerReturn("SO-1", "RT-1", priced("A", "1", "1")), null));

        // 2 x 10.175 = 20.35 twice; B 1 x 5.50; SO-2 3 x 8.851 = 26.553 -> 26.55; a return carries none
        assertEquals(List.of("SO-1 A 20.35", "SO-1 B 5.50", "SO-1 A 20.35", "SO-2 A 26.55", "SO-1 A null"),
                dev.psi.testing.Rows.column("SELECT CONCAT(m.reference_number, ' ', p.sku, ' ', COALESCE(m.net_amount, 'null'))"
                        + " FROM stock_movements m JOIN products p ON p.id = m.product_id WHERE m.tenant_id = ?"
                        + " AND m.movement_type IN ('ISSUE', 'RETURN_IN') ORDER BY m.id", tenantId));
        assertEquals(List.of("null"), dev.psi.testing.Rows.column("SELECT COALESCE(MAX(net_amount), 'null') FROM stock_movements"
                + " WHERE tenant_id = ? AND movement_type NOT IN ('ISSUE')", tenantId), "only shipments book revenue");
        assertStockEqualsLedger(tenantId);
    }

    @Test
    void shouldReturnGoodsToTheSupplierOnlyFromAvailableStock() {
        receive("PO-1", List.of(priced("A", "5", "2")));
        database.inTransaction(tx -> reservations.reserve(tx, tenant, events.placed("SO-1", qty("A", "4")), null));

        var refused = database.inTransaction(tx -> goods.returnOut(tx, tenant, events.supplierReturn("PO-1", "PR-1", qty("A", "2")), null));
        var returned = database.inTransaction(tx -> goods.returnOut(tx, tenant, events.supplierReturn("PO-1", "PR-2", qty("A", "1")), null));

        assertInstanceOf(StockEvents.ReturnOutRejected.class, refused);
        assertInstanceOf(StockEvents.ReturnedOut.class, returned);
        assertEquals(0, new BigDecimal("4").compareTo(stockOf("A", "on_hand")));
        assertStockEqualsLedger(tenantId);
    }

    @Test
    void shouldRaiseLowStockOncePerCrossingOfTheReorderPoint() {
        aProduct(tenantId, "C").reorder("5", "20").create();
        receive("PO-1", List.of(priced("C", "8", "1")));

        for (int i = 0; i < 3; i++) {
            int n = i;
            database.inTransaction(tx -> reservations.reserve(tx, tenant, events.placed("SO-" + n, qty("C", "2")), null));
        }
        assertEquals(1L, lowEvents(), "8 -> 6 -> 4 (below 5) -> 2: one crossing");
        database.inTransaction(tx -> reservations.release(tx, tenant, events.cancelled("SO-0"), null));
        database.inTransaction(tx -> reservations.release(tx, tenant, events.cancelled("SO-1"), null));
        assertEquals(1L, lowEvents(), "back above the reorder point raises nothing");
        database.inTransaction(tx -> reservations.reserve(tx, tenant, events.placed("SO-9", qty("C", "3")), null));
        assertEquals(2L, lowEvents(), "6 -> 3 crosses again");
    }

    private long lowEvents() {
        return decimal("SELECT COUNT(*) FROM outbox WHERE tenant_id = ? AND event_type = 'psi.stock.low.v1'", tenantId).longValue();
    }

    private void receive(String order, List<Lines.Priced> lines) {
        database.inTransaction(tx -> goods.receive(tx, tenant,
                events.receipt(order, order + "-R1", lines.toArray(Lines.Priced[]::new)), null));
    }

    private BigDecimal stockOf(String sku, String column) {
        return decimal("SELECT s." + column + " FROM stock s JOIN products p ON p.id = s.product_id"
                + " WHERE s.tenant_id = ? AND p.sku = ?", tenantId, sku);
    }

    /** Runs {@code count} operations at once, each in its own transaction. */
    private List<PsiEvent> race(int count, Operation operation) throws Exception {
        var pool = Executors.newFixedThreadPool(32);
        try {
            var calls = new ArrayList<Callable<PsiEvent>>();
            for (int i = 0; i < count; i++) {
                int n = i;
                calls.add(() -> database.inTransaction(tx -> {
                    current.set(tx);
                    try {
                        return operation.run(n);
                    } finally {
                        current.remove();
                    }
                }));
            }
            var results = new ArrayList<PsiEvent>();
            for (Future<PsiEvent> future : pool.invokeAll(calls)) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private final ThreadLocal<dev.psi.kernel.db.Tx> current = new ThreadLocal<>();

    private dev.psi.kernel.db.Tx tx() {
        return current.get();
    }

    @FunctionalInterface
    interface Operation {
        PsiEvent run(int index) throws java.sql.SQLException;
    }
}
