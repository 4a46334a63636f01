package dev.psi.stock.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.contract.stock.AdjustmentReason;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rules stock-adjust applies in Java (the moving average lives in SQL: see MovingAverageIT). */
class StockRulesTest {

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

    @Test
    void shouldLetTheReasonDecideWhichWayStockMayGo() {
        for (AdjustmentReason out : List.of(AdjustmentReason.DAMAGE, AdjustmentReason.LOSS, AdjustmentReason.SAMPLE,
                AdjustmentReason.EXPIRED)) {
            assertEquals(Optional.empty(), AdjustmentReasons.contradiction(out, -1), out.name());
            assertTrue(AdjustmentReasons.contradiction(out, 1).orElseThrow().startsWith(out + " removes stock"), out.name());
        }
        for (AdjustmentReason in : List.of(AdjustmentReason.FOUND, AdjustmentReason.OPENING_BALANCE)) {
            assertEquals(Optional.empty(), AdjustmentReasons.contradiction(in, 1), in.name());
            assertTrue(AdjustmentReasons.contradiction(in, -1).orElseThrow().startsWith(in + " adds stock"), in.name());
        }
        assertEquals(Optional.empty(), AdjustmentReasons.contradiction(AdjustmentReason.CORRECTION, 1));
        assertEquals(Optional.empty(), AdjustmentReasons.contradiction(AdjustmentReason.CORRECTION, -1));
    }

    @Test
    void shouldKnowTheLargestValueAStockRowHolds() {
        assertTrue(StockLimits.valueFits(new BigDecimal("9999999999999999.99")));
        assertFalse(StockLimits.valueFits(new BigDecimal("10000000000000000.00")));
    }

    private static StockKey key(long product, long warehouse) {
        return new StockKey(product, warehouse, "S" + product, "W" + warehouse, BigDecimal.ZERO, BigDecimal.ZERO);
    }
}
