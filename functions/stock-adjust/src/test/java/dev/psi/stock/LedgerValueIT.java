package dev.psi.stock;

import static dev.psi.stock.OrderEventFixtures.priced;
import static dev.psi.stock.OrderEventFixtures.qty;
import static dev.psi.testing.StockInvariants.assertStockEqualsLedger;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.contract.stock.AdjustmentReason;
import dev.psi.contract.stock.StockAdjustmentRequest;
import dev.psi.contract.stock.StockLineRequest;
import dev.psi.contract.stock.StocktakeRequest;
import dev.psi.contract.stock.TransferRequest;
import dev.psi.kernel.idempotency.IdempotentRequests;
import dev.psi.kernel.web.ProblemException;
import dev.psi.stock.document.StockDocuments;
import dev.psi.stock.movement.GoodsMovements;
import dev.psi.stock.reservation.OrderReservations;
import dev.psi.testing.Fixtures;
import dev.psi.testing.TestInfrastructure;
import io.micronaut.http.HttpStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ledger's value column adds up to the valuation: for every stock row, the sum of its
 * movements' value equals on-hand x average cost to the cent, after every step of a long mixed
 * sequence of receipts at odd prices, issues, adjustments, transfers, stocktakes and returns.
 */
@MicronautTest
class LedgerValueIT extends StockTestBase {

    private static final List<String> SKUS = List.of("A", "B");
    private static final List<String> WAREHOUSES = List.of("WH1", "WH2");

    @Inject
    StockDocuments documents;
    @Inject
    OrderReservations reservations;
    @Inject
    GoodsMovements goods;
    @Inject
    IdempotentRequests idempotent;


    @BeforeEach
    void secondWarehouse() {
        Fixtures.warehouse(tenantId, "WH2");
    }

    @Test
    void shouldKeepTheLedgerValueEqualToOnHandTimesAverageCostThroughAMixedSequence() {
        var random = new Random(20261202);
        int refused = 0;
        for (int step = 0; step < 240; step++) {
            String sku = SKUS.get(random.nextInt(SKUS.size()));
            String warehouse = WAREHOUSES.get(random.nextInt(WAREHOUSES.size()));
            String done = apply(step, random, sku, warehouse);
            refused += done.startsWith("refused") ? 1 : 0;
            assertLedgerValueEqualsValuation("step " + step + " (" + done + ")");
        }
        assertTrue(refused < 60, refused + " of 240 steps were refused: the sequence must mostly move stock");
        assertStockEqualsLedger(tenantId);
    }

    private String apply(int step, Random random, String sku, String warehouse) {
        String quantity = decimal(random, 1 + random.nextInt(40), 3);
        String price = decimal(random, random.nextInt(9), 4);
        try {
            switch (step % 6) {
                case 0, 3 -> database.inTransaction(tx -> goods.receive(tx, tenant, events.receipt("PO-" + step,
                        "GR-" + step, priced(sku, quantity, price)), null));
                case 1 -> {
                    // reserve and ship part of what is there (WH1 only: orders ship from WH1 here)
                    database.inTransaction(tx -> reservations.reserve(tx, tenant, events.placed("SO-" + step, qty(sku, "1.5")), null));
                    database.inTransaction(tx -> reservations.issue(tx, tenant, events.shipment("SO-" + step, "SH-" + step,
                            qty(sku, "1.5")), null));
                    database.inTransaction(tx -> reservations.release(tx, tenant, events.cancelled("SO-" + step), null));
                }
                case 2 -> documents.adjust(tenant, new StockAdjustmentRequest(warehouse, sku,
                        random.nextBoolean() ? new BigDecimal(quantity) : new BigDecimal(quantity).negate(),
                        AdjustmentReason.CORRECTION, random.nextBoolean() ? new BigDecimal(price) : null, null), once());
                case 4 -> documents.transfer(tenant, new TransferRequest(warehouse, other(warehouse), null,
                        List.of(new StockLineRequest(sku, new BigDecimal(decimal(random, 1 + random.nextInt(5), 3))))), once());
                default -> {
                    if (random.nextBoolean()) {
                        documents.stocktake(tenant, new StocktakeRequest(warehouse, null,
                                List.of(new StocktakeRequest.Line(sku, new BigDecimal(quantity)))), once());
                    } else {
                        database.inTransaction(tx -> goods.returnIn(tx, tenant, events.customerReturn("SO-" + step,
                                "RT-" + step, priced(sku, "0.7", price)), null));
                    }
                }
            }
            return "op " + step % 6 + " " + sku + "@" + warehouse;
        } catch (ProblemException refused) {
            return "refused: " + refused.getMessage(); // short stock or a count below reservations
        }
    }

    private void assertLedgerValueEqualsValuation(String when) {
        var mismatches = new ArrayList<String>();
        try (var c = TestInfrastructure.get().connection(); var s = c.prepareStatement(
                "SELECT s.product_id, s.warehouse_id, ROUND(s.on_hand * s.average_cost, 2) AS valuation,"
                        + " (SELECT COALESCE(SUM(m.value_delta), 0) FROM stock_movements m WHERE m.tenant_id = s.tenant_id"
                        + " AND m.product_id = s.product_id AND m.warehouse_id = s.warehouse_id) AS ledger"
                        + " FROM stock s WHERE s.tenant_id = ?")) {
            s.setString(1, tenantId);
            try (var rows = s.executeQuery()) {
                while (rows.next()) {
                    if (rows.getBigDecimal("valuation").compareTo(rows.getBigDecimal("ledger")) != 0) {
                        mismatches.add("row (" + rows.getLong("product_id") + ", " + rows.getLong("warehouse_id")
                                + "): valuation " + rows.getBigDecimal("valuation") + ", ledger " + rows.getBigDecimal("ledger"));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        assertEquals(List.of(), mismatches, when);
    }

    /** A request without an Idempotency-Key. */
    private IdempotentRequests.Idempotency once() {
        return idempotent.of(tenant, "test", null, "", HttpStatus.CREATED);
    }

    private static String other(String warehouse) {
        return warehouse.equals("WH1") ? "WH2" : "WH1";
    }

    /** A positive decimal with {@code scale} random fraction digits, e.g. 17.305. */
    private static String decimal(Random random, int whole, int scale) {
        var fraction = new StringBuilder();
        for (int i = 0; i < scale; i++) {
            fraction.append(random.nextInt(10));
        }
        return new BigDecimal(whole + "." + fraction).setScale(scale, RoundingMode.UNNECESSARY).toPlainString();
    }
}
