package dev.psi.stock.ledger;

import dev.psi.contract.stock.MovementType;
import dev.psi.contract.stock.StockMovement;
import dev.psi.kernel.db.Decimals;
import dev.psi.stock.domain.StockKey;
import java.math.BigDecimal;
import java.time.Instant;

/** A ledger row as written; {@link #view()} is its public shape. */
public record Movement(long id, StockKey key, MovementType type, BigDecimal onHandDelta, BigDecimal reservedDelta,
                       BigDecimal unitCost, BigDecimal valueDelta, BigDecimal onHandAfter, BigDecimal reservedAfter,
                       BigDecimal averageCostAfter, MovementContext context, Instant createdAt) {

    public StockMovement view() {
        return new StockMovement(id, key.sku(), key.warehouseCode(), type, plain(onHandDelta), plain(reservedDelta),
                plain(unitCost), plain(valueDelta), plain(onHandAfter), plain(reservedAfter), plain(averageCostAfter),
                context.reason(), context.referenceType(), context.referenceNumber(), context.eventId(), createdAt);
    }

    private static BigDecimal plain(BigDecimal value) {
        return Decimals.plain(value);
    }
}
