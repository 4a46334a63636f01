package dev.psi.stock;

import static dev.psi.stock.OrderEventFixtures.priced;
import static dev.psi.stock.OrderEventFixtures.qty;
import static dev.psi.testing.Fixtures.aProduct;
import static dev.psi.testing.StockInvariants.assertStockEqualsLedger;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.psi.contract.events.StockEvents;
import dev.psi.kernel.db.Database;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.stock.movement.GoodsMovements;
import dev.psi.stock.reservation.OrderReservations;
import dev.psi.testing.Fixtures;
import dev.psi.testing.PsiTestResources;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code psi_stock_movements_total} counts what committed: no savepoint rollback, no deadlock retry over-counts it. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MovementMetricsIT implements PsiTestResources {

    @Inject
    OrderReservations reservations;
    @Inject
    GoodsMovements goods;
    @Inject
    Database database;
    @Inject
    MeterRegistry meters;

    String tenantId;
    TenantId tenant;
    OrderEventFixtures events;

    @BeforeEach
    void newTenant() {
        tenantId = Fixtures.newTenant();
        tenant = new TenantId(tenantId);
        events = new OrderEventFixtures(tenantId);
        Fixtures.warehouse(tenantId, "WH1");
        aProduct(tenantId, "A").create();
        aProduct(tenantId, "B").create();
    }

    @Test
    void shouldNotCountTheReservationOfALineRolledBackWithItsOrder() {
        database.inTransaction(tx -> goods.receive(tx, tenant, events.receipt("PO-1", "GR-1",
                priced("A", "5", "1"), priced("B", "1", "1")), null));
        double before = count("RESERVE");

        // A (first in lock order) is reserved, B is short: the savepoint takes A's reservation back.
        var rejected = database.inTransaction(tx -> reservations.reserve(tx, tenant,
                events.placed("SO-1", qty("A", "3"), qty("B", "2")), null));
        assertInstanceOf(StockEvents.ReservationRejected.class, rejected);
        assertEquals(before, count("RESERVE"), "nothing of a rejected order was reserved");

        database.inTransaction(tx -> reservations.reserve(tx, tenant, events.placed("SO-2", qty("A", "3"), qty("B", "1")), null));
        assertEquals(before + 2, count("RESERVE"), "two lines reserved");
        assertStockEqualsLedger(tenantId);
    }

    @Test
    void shouldCountTheMovementsOfATransactionRetriedAfterADeadlockOnce() throws Exception {
        database.inTransaction(tx -> goods.receive(tx, tenant, events.receipt("PO-0", "GR-0",
                priced("A", "1", "1"), priced("B", "1", "1")), null));
        double before = count("RECEIPT");
        var attempts = new AtomicInteger();
        var bothHoldOneRow = new CyclicBarrier(2);
        var pool = Executors.newFixedThreadPool(2);
        try {
            // Each takes one row, waits until the other holds the other row, then wants it: a deadlock
            // on the first attempt; InnoDB rolls one back and Database retries it (without the wait).
            var first = pool.submit(() -> crosswise(attempts, bothHoldOneRow, "A", "B", "PO-1"));
            var second = pool.submit(() -> crosswise(attempts, bothHoldOneRow, "B", "A", "PO-2"));
            first.get(60, TimeUnit.SECONDS);
            second.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        assertEquals(3, attempts.get(), "one of the two was retried after a deadlock");
        assertEquals(before + 4, count("RECEIPT"), "two receipts in each of two committed transactions");
        assertStockEqualsLedger(tenantId);
    }

    private Object crosswise(AtomicInteger attempts, CyclicBarrier barrier, String firstSku, String secondSku,
                             String order) {
        var mine = new AtomicInteger();
        return database.inTransaction(tx -> {
            attempts.incrementAndGet();
            goods.receive(tx, tenant, events.receipt(order, order + "-1", priced(firstSku, "1", "1")), null);
            if (mine.incrementAndGet() == 1) {
                try {
                    barrier.await(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return goods.receive(tx, tenant, events.receipt(order, order + "-2", priced(secondSku, "1", "1")), null);
        });
    }

    private double count(String type) {
        var counter = meters.find("psi.stock.movements").tag("type", type).counter();
        return counter == null ? 0 : counter.count();
    }
}
