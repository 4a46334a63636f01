package dev.psi.kernel.events;

import static dev.psi.testing.Fixtures.aProduct;
import static dev.psi.testing.StockInvariants.assertStockEqualsLedger;
import static dev.psi.testing.StockInvariants.decimal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.contract.events.EventType;
import dev.psi.contract.events.Lines;
import dev.psi.contract.events.PurchaseOrderEvents;
import dev.psi.contract.events.SalesOrderEvents;
import dev.psi.kernel.db.Database;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.trace.TraceContext;
import dev.psi.stock.movement.GoodsMovements;
import dev.psi.testing.Fixtures;
import dev.psi.testing.PsiTestResources;
import dev.psi.testing.Rows;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Group commit of placed orders in stock-adjust: several deliveries in one transaction, each still
 * answered, applied at most once and all-or-nothing on its own. In the kernel's package, to call
 * the inbox's batch path directly (which batch a delivery lands in is otherwise up to timing).
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StockGroupCommitIT implements PsiTestResources {

    @Inject
    Database database;
    @Inject
    Inbox inbox;
    @Inject
    GoodsMovements goods;

    String tenantId;

    @BeforeEach
    void newTenant() {
        tenantId = Fixtures.newTenant();
        Fixtures.warehouse(tenantId, "WH1");
        Fixtures.customer(tenantId, "CUS1");
        aProduct(tenantId, "A").create();
        aProduct(tenantId, "B").create();
    }

    @Test
    void shouldReserveWholeBatchWithExactBalancesAfterEachMember() {
        receive(priced("A", "10"));
        var answers = inbox.applyTogether(List.of(placed("SO-1", qty("A", "2")), placed("SO-2", qty("A", "3")),
                placed("SO-3", qty("A", "1"))));

        assertEquals(List.of(EventOutcome.APPLIED, EventOutcome.APPLIED, EventOutcome.APPLIED), answers);
        assertEquals(0, new BigDecimal("6").compareTo(reserved("A")));
        // each member's own ledger row, with the balance after it, in order
        assertEquals(List.of("SO-1 2", "SO-2 5", "SO-3 6"), Rows.column("SELECT CONCAT(reference_number, ' ',"
                + " TRIM(TRAILING '.' FROM TRIM(TRAILING '0' FROM reserved_after))) FROM stock_movements"
                + " WHERE tenant_id = ? AND movement_type = 'RESERVE' ORDER BY id", tenantId));
        assertEquals(3, Rows.count("SELECT COUNT(*) FROM outbox WHERE tenant_id = ? AND event_type = 'psi.stock.reserved.v1'",
                tenantId));
        assertEquals(3, Rows.count("SELECT COUNT(*) FROM inbox WHERE tenant_id = ?", tenantId));
        assertStockEqualsLedger(tenantId);
    }

    @Test
    void shouldApplyTheOthersWhenOneMemberDoesNotFit() {
        receive(priced("A", "5"));
        var answers = inbox.applyTogether(List.of(placed("SO-1", qty("A", "2")), placed("SO-2", qty("A", "4")),
                placed("SO-3", qty("A", "1"))));

        assertEquals(List.of(EventOutcome.APPLIED, EventOutcome.APPLIED, EventOutcome.APPLIED), answers);
        assertEquals(0, new BigDecimal("3").compareTo(reserved("A")));
        assertEquals(List.of("SO-1", "SO-3"), reservedOrders());
        assertEquals(List.of("SO-2"), Rows.column("SELECT aggregate_id FROM outbox WHERE tenant_id = ?"
                + " AND event_type = 'psi.stock.reservation-rejected.v1'", tenantId));
        assertEquals(List.of("SO-1", "SO-3"), Rows.column("SELECT aggregate_id FROM outbox WHERE tenant_id = ?"
                + " AND event_type = 'psi.stock.reserved.v1' ORDER BY id", tenantId));
        assertEquals(3, Rows.count("SELECT COUNT(*) FROM inbox WHERE tenant_id = ?", tenantId));
        assertStockEqualsLedger(tenantId);
    }

    @Test
    void shouldHoldNothingOfAMemberWhoseSecondLineFails() {
        receive(priced("A", "10"), priced("B", "1"));
        var answers = inbox.applyTogether(List.of(placed("SO-1", qty("A", "1"), qty("B", "1")),
                placed("SO-2", qty("A", "1"), qty("B", "1")), placed("SO-3", qty("B", "1"), qty("A", "1"))));

        assertEquals(3, answers.size());
        assertEquals(0, BigDecimal.ONE.compareTo(reserved("A")), "SO-2 and SO-3 hold no A");
        assertEquals(0, BigDecimal.ONE.compareTo(reserved("B")));
        assertEquals(List.of("SO-1", "SO-1"), reservedOrders());
        assertEquals(List.of("SO-2", "SO-3"), Rows.column("SELECT aggregate_id FROM outbox WHERE tenant_id = ?"
                + " AND event_type = 'psi.stock.reservation-rejected.v1' ORDER BY id", tenantId));
        assertStockEqualsLedger(tenantId);
    }

    @Test
    void shouldApplyTheSameEventIdOnceInOneBatch() {
        receive(priced("A", "10"));
        var first = placed("SO-1", qty("A", "2"));
        var again = new InboundEvent(first.id(), first.type(), first.source(), first.tenant(), first.body(), first.time());
        var answers = inbox.applyTogether(List.of(first, placed("SO-2", qty("A", "1")), again));

        assertEquals(List.of(EventOutcome.APPLIED, EventOutcome.APPLIED, EventOutcome.DUPLICATE), answers);
        assertEquals(0, new BigDecimal("3").compareTo(reserved("A")));
        assertEquals(2, Rows.count("SELECT COUNT(*) FROM stock_movements WHERE tenant_id = ? AND movement_type = 'RESERVE'",
                tenantId));
        assertEquals(2, Rows.count("SELECT COUNT(*) FROM outbox WHERE tenant_id = ? AND event_type = 'psi.stock.reserved.v1'",
                tenantId));
        assertStockEqualsLedger(tenantId);
    }

    @Test
    void shouldNeverOversellUnderConcurrentDeliveries() throws Exception {
        receive(priced("A", "50"));
        var events = new ArrayList<InboundEvent>();
        for (int i = 0; i < 200; i++) {
            events.add(placed("SO-" + i, qty("A", "1")));
        }
        events.add(events.get(7)); // a redelivery racing its original
        long batchedBefore = inbox.batchedDeliveries();

        var pool = Executors.newFixedThreadPool(32);
        var outcomes = new ArrayList<EventOutcome>();
        try {
            var calls = new ArrayList<Callable<EventOutcome>>();
            for (InboundEvent event : events) {
                calls.add(() -> inbox.apply(event));
            }
            for (Future<EventOutcome> f : pool.invokeAll(calls)) {
                outcomes.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(200, outcomes.stream().filter(o -> o == EventOutcome.APPLIED).count());
        assertEquals(1, outcomes.stream().filter(o -> o == EventOutcome.DUPLICATE).count());
        long successes = Rows.count("SELECT COUNT(*) FROM outbox WHERE tenant_id = ? AND event_type = 'psi.stock.reserved.v1'",
                tenantId);
        assertEquals(50, successes);
        assertEquals(150, Rows.count("SELECT COUNT(*) FROM outbox WHERE tenant_id = ?"
                + " AND event_type = 'psi.stock.reservation-rejected.v1'", tenantId));
        assertEquals(0, new BigDecimal("50").compareTo(reserved("A")), "no oversell");
        assertEquals(50, reservedOrders().size());
        assertEquals(0, new BigDecimal("50").compareTo(decimal("SELECT SUM(reserved_delta) FROM stock_movements"
                + " WHERE tenant_id = ?", tenantId)));
        assertEquals(200, Rows.count("SELECT COUNT(*) FROM inbox WHERE tenant_id = ?", tenantId));
        assertTrue(inbox.batchedDeliveries() > batchedBefore, "some deliveries shared a transaction");
        assertStockEqualsLedger(tenantId);
    }

    @Test
    void shouldEmitEachBatchedMembersEventsInItsOwnTrace() {
        aProduct(tenantId, "C").reorder("3", "10").create();
        receive(priced("A", "5"), priced("C", "10"));
        var one = TraceContext.newTrace();
        var two = TraceContext.newTrace();
        var three = TraceContext.newTrace();
        var four = TraceContext.newTrace();
        var low = TraceContext.newTrace();
        var beside = TraceContext.newTrace();
        // the thread that applies a batch is in its own (the leader's) trace
        var leader = TraceContext.newTrace();
        long before = Rows.count("SELECT COALESCE(MAX(id), 0) FROM outbox");

        // all fit: one UPDATE for the row, one reserved answer each; SO-6 takes C below its reorder point
        var together = TraceContext.within(leader, () -> inbox.applyTogether(List.of(
                placed("SO-1", qty("A", "2")).withTrace(one), placed("SO-2", qty("A", "1")).withTrace(two),
                placed("SO-5", qty("C", "4")).withTrace(beside), placed("SO-6", qty("C", "4")).withTrace(low))));
        // SO-4 does not fit: the batch falls back to member by member, SO-3 reserved, SO-4 rejected
        var oneByOne = TraceContext.within(leader, () -> inbox.applyTogether(List.of(
                placed("SO-3", qty("A", "2")).withTrace(three), placed("SO-4", qty("A", "4")).withTrace(four))));

        assertEquals(List.of(EventOutcome.APPLIED, EventOutcome.APPLIED, EventOutcome.APPLIED, EventOutcome.APPLIED),
                together);
        assertEquals(List.of(EventOutcome.APPLIED, EventOutcome.APPLIED), oneByOne);
        assertEquals(one.traceparent(), traceparentOf("psi.stock.reserved.v1", "SO-1"));
        assertEquals(two.traceparent(), traceparentOf("psi.stock.reserved.v1", "SO-2"));
        assertEquals(beside.traceparent(), traceparentOf("psi.stock.reserved.v1", "SO-5"));
        assertEquals(low.traceparent(), traceparentOf("psi.stock.reserved.v1", "SO-6"));
        assertEquals(low.traceparent(), traceparentOf("psi.stock.low.v1", "C"), "the low-stock event is SO-6's");
        assertEquals(three.traceparent(), traceparentOf("psi.stock.reserved.v1", "SO-3"));
        assertEquals(four.traceparent(), traceparentOf("psi.stock.reservation-rejected.v1", "SO-4"));
        var traces = Rows.column("SELECT traceparent FROM outbox WHERE tenant_id = ? AND id > ?", tenantId, before);
        assertEquals(7, traces.size());
        assertEquals(6, traces.stream().distinct().count(), "one traceparent per member (SO-6 and its low stock)");
        assertTrue(traces.stream().noneMatch(t -> t.contains(leader.traceId())), "nothing in the leader's trace");
        assertStockEqualsLedger(tenantId);
    }

    // ---------------------------------------------------------------- fixtures

    private InboundEvent placed(String order, Lines.Quantity... lines) {
        Rows.execute("INSERT INTO sales_orders (tenant_id, number, customer_id, warehouse_id, status, total_amount,"
                + " created_at, updated_at) SELECT ?, ?, c.id, w.id, 'PLACED', 0, NOW(6), NOW(6) FROM customers c"
                + " JOIN warehouses w ON w.tenant_id = c.tenant_id WHERE c.tenant_id = ? AND w.code = 'WH1'"
                + " AND NOT EXISTS (SELECT 1 FROM sales_orders o WHERE o.tenant_id = ? AND o.number = ?)",
                tenantId, order, tenantId, tenantId, order);
        String id = UUID.randomUUID().toString();
        var body = new SalesOrderEvents.Placed(id, tenantId, order, Instant.now(), order, "CUS1", "WH1",
                Arrays.stream(lines).map(l -> new Lines.Taxed(l.sku(), l.quantity(), BigDecimal.ONE, null, null, null, null)).toList());
        return new InboundEvent(id, EventType.ofBody(SalesOrderEvents.Placed.class), "/test", new TenantId(tenantId),
                body, Instant.now());
    }

    private String traceparentOf(String eventType, String aggregate) {
        return Rows.column("SELECT traceparent FROM outbox WHERE tenant_id = ? AND event_type = ? AND aggregate_id = ?",
                tenantId, eventType, aggregate).stream().reduce((a, b) -> {
                    throw new AssertionError("more than one " + eventType + " of " + aggregate);
                }).orElseThrow(() -> new AssertionError("no " + eventType + " of " + aggregate));
    }

    private static Lines.Quantity qty(String sku, String quantity) {
        return new Lines.Quantity(sku, new BigDecimal(quantity));
    }

    private void receive(Lines.Priced... lines) {
        database.inTransaction(tx -> goods.receive(tx, new TenantId(tenantId), new PurchaseOrderEvents.GoodsReceived(
                UUID.randomUUID().toString(), tenantId, "PO-1", Instant.now(), "PO-1", "PO-1-R1", "WH1",
                Arrays.stream(lines).map(l -> new Lines.Taxed(l.sku(), l.quantity(), l.unitPrice(), null, null, null, null)).toList()),
                null));
    }

    private BigDecimal reserved(String sku) {
        return decimal("SELECT s.reserved FROM stock s JOIN products p ON p.id = s.product_id"
                + " WHERE s.tenant_id = ? AND p.sku = ?", tenantId, sku);
    }

    private List<String> reservedOrders() {
        return Rows.column("SELECT document_number FROM stock_reservations WHERE tenant_id = ? AND quantity > 0"
                + " ORDER BY document_number, product_id", tenantId);
    }

    /** A received line at a unit cost of 1. */
    private static Lines.Priced priced(String sku, String quantity) {
        return new Lines.Priced(sku, new BigDecimal(quantity), BigDecimal.ONE);
    }
}
