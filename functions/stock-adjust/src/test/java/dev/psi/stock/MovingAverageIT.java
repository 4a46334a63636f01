package dev.psi.stock;

import static dev.psi.stock.OrderEventFixtures.priced;
import static dev.psi.stock.OrderEventFixtures.qty;
import static dev.psi.testing.StockInvariants.assertStockEqualsLedger;
import static dev.psi.testing.StockInvariants.decimal;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.psi.stock.movement.GoodsMovements;
import dev.psi.stock.reservation.OrderReservations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * The moving-average cost as production computes it: in the single UPDATE that raises on-hand.
 * Each test receives goods through the real path and reads the average from the stock row and
 * from the ledger row the receipt booked.
 */
@MicronautTest
class MovingAverageIT extends StockTestBase {

    @Inject
    GoodsMovements goods;
    @Inject
    OrderReservations reservations;

    int receipts;

    @Test
    void shouldWeighTheNewCostByQuantity() {
        receive("10", "5");
        receive("30", "6");

        // (10 x 5 + 30 x 6) / 40
        assertAverage("5.750000");
    }

    @Test
    void shouldTakeTheReceiptCostWhenThereIsNoStockLeft() {
        receive("10", "5.75");
        database.inTransaction(tx -> reservations.reserve(tx, tenant, events.placed("SO-1", qty("A", "10")), null));
        database.inTransaction(tx -> reservations.issue(tx, tenant, events.shipment("SO-1", "SH-1", qty("A", "10")), null));
        assertEquals(0, BigDecimal.ZERO.compareTo(stock("on_hand")), "all shipped, the old average stays on the row");

        receive("5", "7.30");

        assertAverage("7.300000");
    }

    @Test
    void shouldRoundTheAverageHalfUpToSixDecimals() {
        receive("25", "5.75");
        receive("5", "7.30");
        // (25 x 5.75 + 5 x 7.30) / 30 = 180.25 / 30 = 6.0083333...
        assertAverage("6.008333");

        receive("B", "1", "0.000001");
        receive("B", "1", "0");
        // (0.000001 + 0) / 2 = 0.0000005: half up gives 0.000001 (half even would give 0)
        assertEquals(0, new BigDecimal("0.000001").compareTo(stock("B", "average_cost")));
        assertStockEqualsLedger(tenantId);
    }

    private void receive(String quantity, String price) {
        receive("A", quantity, price);
    }

    private void receive(String sku, String quantity, String price) {
        String receipt = "GR-" + ++receipts;
        database.inTransaction(tx -> goods.receive(tx, tenant, events.receipt("PO-1", receipt, priced(sku, quantity, price)), null));
    }

    /** The average on the stock row, and the same figure on the ledger row of the last receipt. */
    private void assertAverage(String expected) {
        assertEquals(new BigDecimal(expected), stock("average_cost").setScale(6));
        assertEquals(new BigDecimal(expected), decimal("SELECT m.average_cost_after FROM stock_movements m"
                + " JOIN products p ON p.id = m.product_id WHERE m.tenant_id = ? AND p.sku = 'A'"
                + " AND m.movement_type = 'RECEIPT' ORDER BY m.id DESC LIMIT 1", tenantId).setScale(6));
    }

    private BigDecimal stock(String column) {
        return stock("A", column);
    }

    private BigDecimal stock(String sku, String column) {
        return decimal("SELECT s." + column + " FROM stock s JOIN products p ON p.id = s.product_id"
                + " WHERE s.tenant_id = ? AND p.sku = ?", tenantId, sku);
    }
}
