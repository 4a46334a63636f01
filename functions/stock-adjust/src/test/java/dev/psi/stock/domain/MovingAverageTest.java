package dev.psi.stock.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MovingAverageTest {

    @Test
    void shouldWeighTheNewCostByQuantity() {
        assertEquals(new BigDecimal("5.750000"),
                MovingAverage.afterReceipt(new BigDecimal("10"), new BigDecimal("5"), new BigDecimal("30"), new BigDecimal("6")));
    }

    @Test
    void shouldTakeTheReceiptCostWhenThereWasNoStock() {
        assertEquals(new BigDecimal("7.300000"),
                MovingAverage.afterReceipt(BigDecimal.ZERO, new BigDecimal("5.75"), new BigDecimal("5"), new BigDecimal("7.30")));
    }

    @Test
    void shouldRoundHalfUpToSixDecimals() {
        assertEquals(new BigDecimal("6.008333"),
                MovingAverage.afterReceipt(new BigDecimal("25"), new BigDecimal("5.75"), new BigDecimal("5"), new BigDecimal("7.30")));
    }

    @Test
    void shouldLockRowsByProductThenWarehouse() {
        var keys = new ArrayList<>(List.of(key(2, 1), key(1, 2), key(1, 1)));
        keys.sort(StockKey.LOCK_ORDER);
        assertEquals(List.of(key(1, 1), key(1, 2), key(2, 1)), keys);
    }

    @Test
    void shouldNotLetACountFallBelowReservations() {
        assertFalse(Stocktakes.coversReservations(new BigDecimal("2"), new BigDecimal("3")));
        assertTrue(Stocktakes.coversReservations(new BigDecimal("3"), new BigDecimal("3")));
        assertEquals(new BigDecimal("-2"), Stocktakes.variance(new BigDecimal("20"), new BigDecimal("18")));
        assertEquals(new BigDecimal("2.50"), Stocktakes.gainCost(BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("2.50")));
        assertEquals(new BigDecimal("4"), Stocktakes.gainCost(new BigDecimal("4"), BigDecimal.ONE, new BigDecimal("2.50")));
    }

    private static StockKey key(long product, long warehouse) {
        return new StockKey(product, warehouse, "S" + product, "W" + warehouse, BigDecimal.ZERO, BigDecimal.ZERO);
    }
}
