package dev.psi.stock.ledger;

import dev.psi.contract.events.StockEvents;
import dev.psi.contract.stock.MovementType;
import dev.psi.kernel.cache.CacheKeys;
import dev.psi.kernel.cache.RedisCache;
import dev.psi.kernel.db.Decimals;
import dev.psi.kernel.db.Tx;
import dev.psi.kernel.metrics.BusinessMetrics;
import dev.psi.kernel.trace.TraceContext;
import dev.psi.stock.domain.Shortage;
import dev.psi.stock.domain.StockKey;
import dev.psi.stock.domain.StockLimitExceeded;
import dev.psi.stock.domain.StockLimits;
import dev.psi.stock.domain.Stocktakes;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The only code that changes stock rows. Every change is one conditional UPDATE (the database
 * checks availability in the same statement that takes it: no read-then-write, no oversell), then
 * an immutable ledger row with the balance after it. A row's value is on-hand x average cost to
 * the cent, and a movement's value is the change of that figure: so the ledger's value column
 * adds up to the valuation exactly, where pricing each movement on its own (quantity x cost,
 * rounded) drifts from it by the rounding of the six-decimal average. After commit the inventory cache entries of
 * the SKU are retired; a fall below the reorder point raises {@code psi.stock.low.v1} once per
 * crossing. Callers lock several rows in {@link StockKey#LOCK_ORDER}.
 */
@Singleton
public final class StockLedger {

    private static final String WHERE_ROW = " WHERE tenant_id = ? AND product_id = ? AND warehouse_id = ?";

    private final StockOutbox outbox;
    private final RedisCache cache;
    private final BusinessMetrics metrics;

    StockLedger(StockOutbox outbox, RedisCache cache, BusinessMetrics metrics) {
        this.outbox = outbox;
        this.cache = cache;
        this.metrics = metrics;
    }

    /** Creates the row if it is missing (locking it either way); needed before stock can come in. */
    public void ensureRow(Tx tx, MovementContext ctx, StockKey key) throws SQLException {
        tx.update("INSERT INTO stock (tenant_id, product_id, warehouse_id, updated_at) VALUES (?, ?, ?, ?)"
                        + " ON DUPLICATE KEY UPDATE id = id",
                ctx.tenant().value(), key.productId(), key.warehouseId(), ctx.at());
    }

    /** Locks the row (if it exists) and returns its balance, for documents that must read before writing. */
    public Balance lock(Tx tx, MovementContext ctx, StockKey key) throws SQLException {
        return tx.one("SELECT on_hand, reserved, average_cost FROM stock" + WHERE_ROW + " FOR UPDATE",
                        StockLedger::balance, ctx.tenant().value(), key.productId(), key.warehouseId())
                .orElse(Balance.EMPTY);
    }

    /**
     * Stock in at {@code unitCost}: on-hand up, moving-average cost recomputed. The average is
     * assigned before on-hand so that both read the old on-hand (MySQL and MariaDB evaluate
     * single-table assignments left to right). The guard keeps on-hand inside its column: a row
     * it would overflow is refused ({@link StockLimitExceeded}) instead of failing the statement.
     */
    public Movement increase(Tx tx, MovementContext ctx, StockKey key, MovementType type, BigDecimal quantity,
                             BigDecimal unitCost) throws SQLException {
        ensureRow(tx, ctx, key);
        var before = lock(tx, ctx, key);
        // quantity x unitCost is multiplied here, exactly: the server would multiply two whole-number
        // parameters as BIGINT and overflow where the DECIMAL result fits.
        int updated = tx.update("UPDATE stock SET average_cost = CASE WHEN on_hand + ? > 0"
                        + " THEN ROUND((on_hand * average_cost + ?) / (on_hand + ?), 6) ELSE average_cost END,"
                        + " on_hand = on_hand + ?, below_reorder = (below_reorder AND on_hand - reserved < ?),"
                        + " version = version + 1, updated_at = ?" + WHERE_ROW + " AND on_hand + ? <= ?",
                quantity, quantity.multiply(unitCost), quantity, quantity, key.reorderPoint(), ctx.at(),
                ctx.tenant().value(), key.productId(), key.warehouseId(), quantity, StockLimits.MAX_QUANTITY);
        if (updated == 0) {
            throw new StockLimitExceeded(key.sku(), key.warehouseCode(), "on-hand " + plainOf(before.onHand()) + " + "
                    + plainOf(quantity) + " exceeds the largest quantity a stock row holds, " + StockLimits.MAX_QUANTITY);
        }
        var after = currentBalance(tx, ctx, key);
        if (!StockLimits.valueFits(after.value())) {
            throw new StockLimitExceeded(key.sku(), key.warehouseCode(), "the stock value would be " + after.value()
                    + ", more than the largest value a stock row holds, " + StockLimits.MAX_VALUE);
        }
        return append(tx, ctx, key, type, quantity, BigDecimal.ZERO, unitCost, after.value().subtract(before.value()), after,
                null);
    }

    /** Stock out of what is available (not reserved), at the average cost; empty when short. */
    public Optional<Movement> decrease(Tx tx, MovementContext ctx, StockKey key, MovementType type,
                                       BigDecimal quantity) throws SQLException {
        int updated = tx.update("UPDATE stock SET on_hand = on_hand - ?, version = version + 1, updated_at = ?"
                        + WHERE_ROW + " AND on_hand - reserved >= ?",
                quantity, ctx.at(), ctx.tenant().value(), key.productId(), key.warehouseId(), quantity);
        if (updated == 0) {
            return Optional.empty();
        }
        return Optional.of(outflow(tx, ctx, key, type, quantity.negate(), BigDecimal.ZERO, null));
    }

    /** Promises available stock to a document; empty when short. */
    public Optional<Movement> reserve(Tx tx, MovementContext ctx, StockKey key, BigDecimal quantity) throws SQLException {
        int updated = tx.update("UPDATE stock SET reserved = reserved + ?, version = version + 1, updated_at = ?"
                        + WHERE_ROW + " AND on_hand - reserved >= ?",
                quantity, ctx.at(), ctx.tenant().value(), key.productId(), key.warehouseId(), quantity);
        if (updated == 0) {
            return Optional.empty();
        }
        return Optional.of(outflow(tx, ctx, key, MovementType.RESERVE, BigDecimal.ZERO, quantity, null));
    }

    /** One member's share of a batched reservation of a row, and the member's trace (null: the thread's). */
    public record Share(MovementContext ctx, BigDecimal quantity, @Nullable TraceContext trace) {
    }

    /**
     * Reserves every share of one row with one guarded UPDATE (their sum must be available), then
     * writes each share's own ledger row with the balance after it, in order: the row's reserved
     * figure after the UPDATE less what the later shares took. False (nothing changed) when the sum
     * does not fit.
     */
    public boolean reserveAll(Tx tx, StockKey key, java.util.List<Share> shares) throws SQLException {
        BigDecimal total = BigDecimal.ZERO;
        for (Share share : shares) {
            total = total.add(share.quantity());
        }
        MovementContext first = shares.get(0).ctx();
        int updated = tx.update("UPDATE stock SET reserved = reserved + ?, version = version + ?, updated_at = ?"
                        + WHERE_ROW + " AND on_hand - reserved >= ?",
                total, shares.size(), first.at(), first.tenant().value(), key.productId(), key.warehouseId(), total);
        if (updated == 0) {
            return false;
        }
        var after = currentBalance(tx, first, key);
        BigDecimal reserved = after.reserved().subtract(total);
        var sql = new StringBuilder("INSERT INTO stock_movements (tenant_id, product_id, warehouse_id, movement_type,"
                + " on_hand_delta, reserved_delta, unit_cost, value_delta, on_hand_after, reserved_after,"
                + " average_cost_after, reason, reference_type, reference_number, event_id, created_by, created_at)"
                + " VALUES ");
        var args = new java.util.ArrayList<Object>(shares.size() * 17);
        Share crossing = null;
        Balance crossed = null;
        BigDecimal unitCost = after.averageCost().setScale(6, RoundingMode.HALF_UP);
        BigDecimal noValue = money(BigDecimal.ZERO); // a reservation moves no value
        for (int i = 0; i < shares.size(); i++) {
            Share share = shares.get(i);
            MovementContext ctx = share.ctx();
            reserved = reserved.add(share.quantity());
            var balance = new Balance(after.onHand(), reserved, after.averageCost());
            if (crossing == null && balance.available().compareTo(key.reorderPoint()) < 0) {
                crossing = share;
                crossed = balance;
            }
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            java.util.Collections.addAll(args, ctx.tenant().value(), key.productId(), key.warehouseId(),
                    MovementType.RESERVE, BigDecimal.ZERO, share.quantity(), unitCost, noValue, balance.onHand(),
                    balance.reserved(), balance.averageCost(), ctx.reason(), ctx.referenceType(),
                    ctx.referenceNumber(), ctx.eventId(), ctx.actor(), ctx.at());
            metrics.stockMoved(tx, MovementType.RESERVE);
        }
        tx.update(sql.toString(), args.toArray());
        String cacheKey = CacheKeys.inventory(first.tenant().value(), key.sku());
        tx.afterCommit(() -> cache.invalidate(cacheKey));
        if (crossing != null) {
            // the low-stock event belongs to the trace of the member that crossed the reorder point
            Share by = crossing;
            Balance balance = crossed;
            TraceContext.within(by.trace(), () -> {
                raiseLowStock(tx, by.ctx(), key, balance);
                return null;
            });
        }
        return true;
    }

    /** Gives back a promise. */
    public Optional<Movement> release(Tx tx, MovementContext ctx, StockKey key, BigDecimal quantity) throws SQLException {
        int updated = tx.update("UPDATE stock SET reserved = reserved - ?,"
                        + " below_reorder = (below_reorder AND on_hand - reserved < ?),"
                        + " version = version + 1, updated_at = ?" + WHERE_ROW + " AND reserved >= ?",
                quantity, key.reorderPoint(), ctx.at(), ctx.tenant().value(), key.productId(), key.warehouseId(), quantity);
        if (updated == 0) {
            return Optional.empty();
        }
        return Optional.of(append(tx, ctx, key, MovementType.RELEASE, BigDecimal.ZERO, quantity.negate(),
                currentBalance(tx, ctx, key).averageCost(), BigDecimal.ZERO));
    }

    /**
     * Ships reserved stock: on-hand and reserved both down, at the average cost; empty when short.
     * {@code netAmount}, the revenue the shipment books (null: unpriced), is kept on the ledger row
     * for the sales reports.
     */
    public Optional<Movement> issueReserved(Tx tx, MovementContext ctx, StockKey key, BigDecimal quantity,
                                            @Nullable BigDecimal netAmount) throws SQLException {
        int updated = tx.update("UPDATE stock SET on_hand = on_hand - ?, reserved = reserved - ?,"
                        + " version = version + 1, updated_at = ?" + WHERE_ROW + " AND reserved >= ? AND on_hand >= ?",
                quantity, quantity, ctx.at(), ctx.tenant().value(), key.productId(), key.warehouseId(), quantity, quantity);
        if (updated == 0) {
            return Optional.empty();
        }
        return Optional.of(outflow(tx, ctx, key, MovementType.ISSUE, quantity.negate(), quantity.negate(), netAmount));
    }

    /** What a failed take found: the available quantity now. */
    public Shortage shortage(Tx tx, MovementContext ctx, StockKey key, BigDecimal requested) throws SQLException {
        var balance = currentBalance(tx, ctx, key);
        return new Shortage(key.sku(), key.warehouseCode(), plainOf(requested), plainOf(balance.available()));
    }

    /**
     * The cost at which stock without a price of its own comes in: the row's moving average, or
     * the product's purchase price for a row that never had one.
     */
    public BigDecimal entryCost(Tx tx, MovementContext ctx, StockKey key) throws SQLException {
        var balance = currentBalance(tx, ctx, key);
        return Stocktakes.gainCost(balance.averageCost(), balance.onHand(), key.purchasePrice());
    }

    public Balance currentBalance(Tx tx, MovementContext ctx, StockKey key) throws SQLException {
        return tx.one("SELECT on_hand, reserved, average_cost FROM stock" + WHERE_ROW, StockLedger::balance,
                ctx.tenant().value(), key.productId(), key.warehouseId()).orElse(Balance.EMPTY);
    }

    /**
     * The ledger row of an outflow, priced at the (unchanged) average cost; then the low-stock
     * check. Its value is the change of the row's value, as for every movement.
     */
    private Movement outflow(Tx tx, MovementContext ctx, StockKey key, MovementType type, BigDecimal onHandDelta,
                             BigDecimal reservedDelta, @Nullable BigDecimal netAmount) throws SQLException {
        var balance = currentBalance(tx, ctx, key);
        BigDecimal valueBefore = Balance.value(balance.onHand().subtract(onHandDelta), balance.averageCost());
        var movement = append(tx, ctx, key, type, onHandDelta, reservedDelta, balance.averageCost(),
                balance.value().subtract(valueBefore), balance, netAmount);
        raiseLowStock(tx, ctx, key, balance);
        return movement;
    }

    private Movement append(Tx tx, MovementContext ctx, StockKey key, MovementType type, BigDecimal onHandDelta,
                            BigDecimal reservedDelta, BigDecimal unitCost, BigDecimal valueDelta) throws SQLException {
        return append(tx, ctx, key, type, onHandDelta, reservedDelta, unitCost, valueDelta, currentBalance(tx, ctx, key),
                null);
    }

    private Movement append(Tx tx, MovementContext ctx, StockKey key, MovementType type, BigDecimal onHandDelta,
                            BigDecimal reservedDelta, BigDecimal unitCost, BigDecimal valueDelta, Balance after,
                            @Nullable BigDecimal netAmount) throws SQLException {
        long id = tx.insert("INSERT INTO stock_movements (tenant_id, product_id, warehouse_id, movement_type,"
                        + " on_hand_delta, reserved_delta, unit_cost, value_delta, on_hand_after, reserved_after,"
                        + " average_cost_after, reason, reference_type, reference_number, event_id, created_by, created_at,"
                        + " net_amount) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ctx.tenant().value(), key.productId(), key.warehouseId(), type, onHandDelta, reservedDelta,
                unitCost.setScale(6, RoundingMode.HALF_UP), valueDelta, after.onHand(), after.reserved(),
                after.averageCost(), ctx.reason(), ctx.referenceType(), ctx.referenceNumber(), ctx.eventId(),
                ctx.actor(), ctx.at(), netAmount);
        metrics.stockMoved(tx, type);
        String cacheKey = CacheKeys.inventory(ctx.tenant().value(), key.sku());
        tx.afterCommit(() -> cache.invalidate(cacheKey));
        return new Movement(id, key, type, onHandDelta, reservedDelta, unitCost, valueDelta, after.onHand(),
                after.reserved(), after.averageCost(), ctx, ctx.at());
    }

    /** Flags the row and emits {@code psi.stock.low.v1} when available stock first drops below the reorder point. */
    private void raiseLowStock(Tx tx, MovementContext ctx, StockKey key, Balance after) throws SQLException {
        if (after.available().compareTo(key.reorderPoint()) >= 0) {
            return;
        }
        int flagged = tx.update("UPDATE stock SET below_reorder = TRUE" + WHERE_ROW + " AND below_reorder = FALSE",
                ctx.tenant().value(), key.productId(), key.warehouseId());
        if (flagged == 1) {
            String supplier = tx.one("SELECT s.code FROM products p JOIN suppliers s ON s.id = p.preferred_supplier_id"
                            + " WHERE p.id = ?", row -> row.string("code"), key.productId()).orElse(null);
            BigDecimal reorderQuantity = tx.one("SELECT reorder_quantity FROM products WHERE id = ?",
                    row -> row.decimal("reorder_quantity"), key.productId()).orElse(BigDecimal.ZERO);
            outbox.emit(tx, ctx, key.sku(), (id, tenant, sku, at) -> new StockEvents.Low(id, tenant, sku, at, sku,
                    key.warehouseCode(), plainOf(after.available()), plainOf(key.reorderPoint()), reorderQuantity, supplier));
        }
    }

    /** A row's quantities and average cost. */
    public record Balance(BigDecimal onHand, BigDecimal reserved, BigDecimal averageCost) {
        static final Balance EMPTY = new Balance(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

        public BigDecimal available() {
            return onHand.subtract(reserved);
        }

        /** What the row is worth, to the cent: the figure the valuation shows for it. */
        public BigDecimal value() {
            return value(onHand, averageCost);
        }

        static BigDecimal value(BigDecimal onHand, BigDecimal averageCost) {
            return money(onHand.multiply(averageCost));
        }
    }

    private static Balance balance(dev.psi.kernel.db.Row row) throws SQLException {
        return new Balance(row.decimal("on_hand"), row.decimal("reserved"), row.decimal("average_cost"));
    }

    static BigDecimal money(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }

    private static BigDecimal plainOf(BigDecimal value) {
        return Decimals.plain(value);
    }
}
