package dev.psi.stock.movement;

import static dev.psi.stock.ledger.OrderLines.plain;
import static dev.psi.stock.ledger.MovementContext.PURCHASE_ORDER;
import static dev.psi.stock.ledger.MovementContext.SALES_ORDER;

import dev.psi.contract.events.Lines;
import dev.psi.contract.events.PsiEvent;
import dev.psi.contract.events.PurchaseOrderEvents;
import dev.psi.contract.events.SalesOrderEvents;
import dev.psi.contract.events.StockEvents;
import dev.psi.contract.stock.MovementType;
import dev.psi.kernel.db.Tx;
import dev.psi.kernel.events.PermanentEventFailure;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.stock.domain.InsufficientStock;
import dev.psi.stock.domain.Shortage;
import dev.psi.stock.domain.StockKey;
import dev.psi.stock.domain.StockLimitExceeded;
import dev.psi.stock.ledger.MovementContext;
import dev.psi.stock.ledger.OrderLines;
import dev.psi.stock.ledger.StockKeys;
import dev.psi.stock.ledger.StockLedger;
import dev.psi.stock.ledger.StockOutbox;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Goods that come in or go out for an order: goods receipts at the line price, customer returns at
 * their issue cost, returns to the supplier from available stock. Each runs in the caller's
 * transaction (the inbox delivery's) and answers with the event it emitted.
 */
@Singleton
public final class GoodsMovements {

    private final StockLedger ledger;
    private final StockKeys keys;
    private final StockOutbox outbox;
    private final Clock clock;

    GoodsMovements(StockLedger ledger, StockKeys keys, StockOutbox outbox, Clock clock) {
        this.ledger = ledger;
        this.keys = keys;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** A goods receipt at the lines' net unit prices: {@code stock.received}. */
    public PsiEvent receive(Tx tx, TenantId tenant, PurchaseOrderEvents.GoodsReceived receipt, @Nullable String eventId)
            throws SQLException {
        var ctx = context(tenant, PURCHASE_ORDER, receipt.orderNumber(), eventId);
        var received = increaseAll(tx, ctx, receipt.warehouseCode(), OrderLines.atNetPrices(receipt.lines()),
                MovementType.RECEIPT);
        return outbox.emit(tx, ctx, (id, t, number, at) -> new StockEvents.Received(id, t, number, at, number,
                receipt.receiptNumber(), receipt.warehouseCode(), received));
    }

    /** A customer return taken back in at the given unit costs: {@code stock.returned-in}. */
    public PsiEvent returnIn(Tx tx, TenantId tenant, SalesOrderEvents.ReturnReceived goods, @Nullable String eventId)
            throws SQLException {
        var ctx = context(tenant, SALES_ORDER, goods.orderNumber(), eventId);
        var returned = increaseAll(tx, ctx, goods.warehouseCode(), goods.lines(), MovementType.RETURN_IN);
        return outbox.emit(tx, ctx, (id, t, number, at) -> new StockEvents.ReturnedIn(id, t, number, at, number,
                goods.returnNumber(), goods.warehouseCode(), returned));
    }

    /** Goods sent back to a supplier: {@code stock.returned-out} or {@code stock.return-out-rejected}. */
    public PsiEvent returnOut(Tx tx, TenantId tenant, PurchaseOrderEvents.GoodsReturned goods, @Nullable String eventId)
            throws SQLException {
        var ctx = context(tenant, PURCHASE_ORDER, goods.orderNumber(), eventId);
        var wanted = OrderLines.merge(goods.lines());
        var sortedKeys = new ArrayList<StockKey>();
        for (String sku : wanted.keySet()) {
            sortedKeys.add(keys.resolve(tx, tenant, sku, goods.warehouseCode(), "sku", "warehouseCode"));
        }
        sortedKeys.sort(StockKey.LOCK_ORDER);
        try {
            var returned = tx.attempt(t -> {
                var lines = new ArrayList<Lines.Priced>();
                var shortages = new ArrayList<Shortage>();
                for (StockKey key : sortedKeys) {
                    BigDecimal quantity = wanted.get(key.sku());
                    var movement = ledger.decrease(t, ctx, key, MovementType.RETURN_OUT, quantity);
                    if (movement.isPresent()) {
                        lines.add(new Lines.Priced(key.sku(), plain(quantity), plain(movement.get().unitCost())));
                    } else {
                        shortages.add(ledger.shortage(t, ctx, key, quantity));
                    }
                }
                if (!shortages.isEmpty()) {
                    throw new InsufficientStock(shortages);
                }
                return lines;
            });
            return outbox.emit(tx, ctx, (id, t, number, at) -> new StockEvents.ReturnedOut(id, t, number, at, number,
                    goods.returnNumber(), goods.warehouseCode(), returned));
        } catch (InsufficientStock e) {
            return outbox.emit(tx, ctx, (id, t, number, at) -> new StockEvents.ReturnOutRejected(id, t, number, at,
                    number, goods.returnNumber(), goods.warehouseCode(), e.getMessage(),
                    OrderLines.shortLines(e.shortages())));
        }
    }

    /** Every line in, in lock order, at its price (or, without one, at the row's entry cost). */
    private List<Lines.Priced> increaseAll(Tx tx, MovementContext ctx, String warehouseCode, List<Lines.Priced> lines,
                                           MovementType type) throws SQLException {
        var keyed = new ArrayList<Map.Entry<StockKey, Lines.Priced>>();
        for (var line : lines) {
            OrderLines.requirePositive(line.sku(), line.quantity());
            keyed.add(Map.entry(keys.resolve(tx, ctx.tenant(), line.sku(), warehouseCode, "sku", "warehouseCode"), line));
        }
        keyed.sort(Map.Entry.comparingByKey(StockKey.LOCK_ORDER));
        var done = new ArrayList<Lines.Priced>();
        for (var entry : keyed) {
            StockKey key = entry.getKey();
            BigDecimal price = entry.getValue().unitPrice();
            BigDecimal unitCost = price != null ? price : ledger.entryCost(tx, ctx, key);
            try {
                ledger.increase(tx, ctx, key, type, entry.getValue().quantity(), unitCost);
            } catch (StockLimitExceeded e) {
                // However often it is delivered, it will not fit: a dead letter, not a retry.
                throw new PermanentEventFailure(ctx.referenceNumber() + ": " + e.getMessage());
            }
            done.add(new Lines.Priced(key.sku(), plain(entry.getValue().quantity()), plain(unitCost)));
        }
        return done;
    }

    private MovementContext context(TenantId tenant, String orderType, String orderNumber, @Nullable String eventId) {
        return MovementContext.ofOrder(tenant, orderType, orderNumber, eventId, clock.instant());
    }
}
