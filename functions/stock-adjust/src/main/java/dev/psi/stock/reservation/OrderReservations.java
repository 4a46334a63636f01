package dev.psi.stock.reservation;

import static dev.psi.stock.ledger.OrderLines.plain;
import static dev.psi.stock.ledger.MovementContext.SALES_ORDER;

import dev.psi.contract.events.Lines;
import dev.psi.contract.events.PsiEvent;
import dev.psi.contract.events.SalesOrderEvents;
import dev.psi.contract.events.StockEvents;
import dev.psi.kernel.db.Tx;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.trace.TraceContext;
import dev.psi.stock.domain.InsufficientStock;
import dev.psi.stock.domain.Shortage;
import dev.psi.stock.domain.StockKey;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A sales order's hold on stock: reserve every line or none when it is placed, issue from the
 * reservation when it ships, release what is left when it is cancelled. Each runs in the caller's
 * transaction (the inbox delivery's) and answers with the event it emitted: a success or a typed
 * rejection.
 */
@Singleton
public final class OrderReservations {

    private final StockLedger ledger;
    private final StockKeys keys;
    private final Reservations reservations;
    private final StockOutbox outbox;
    private final Clock clock;

    OrderReservations(StockLedger ledger, StockKeys keys, Reservations reservations, StockOutbox outbox, Clock clock) {
        this.ledger = ledger;
        this.keys = keys;
        this.reservations = reservations;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Reserves every line, or none: {@code stock.reserved} or {@code stock.reservation-rejected}. */
    public PsiEvent reserve(Tx tx, TenantId tenant, SalesOrderEvents.Placed order, @Nullable String eventId)
            throws SQLException {
        var ctx = context(tenant, order.orderNumber(), eventId);
        var lines = OrderLines.quantities(order.lines());
        StockOutbox.Body<StockEvents.Reserved> reserved = (id, t, number, at) ->
                new StockEvents.Reserved(id, t, number, at, number, order.warehouseCode(), lines);
        if (reservations.exists(tx, tenant, SALES_ORDER, order.orderNumber())) {
            return outbox.event(ctx, reserved);
        }
        var wanted = OrderLines.merge(lines);
        var prices = OrderLines.netUnitPrices(order.lines());
        var sortedKeys = new ArrayList<StockKey>();
        for (String sku : wanted.keySet()) {
            sortedKeys.add(keys.resolve(tx, tenant, sku, order.warehouseCode(), "sku", "warehouseCode"));
        }
        sortedKeys.sort(StockKey.LOCK_ORDER);
        try {
            // Everything that does not need the stock rows comes first (the reservation rows, the
            // answer in the outbox), so that each row is locked from its guarded UPDATE to the commit
            // and no longer. A shortage undoes all of it with the savepoint.
            return tx.attempt(t -> {
                for (StockKey key : sortedKeys) {
                    reservations.add(t, ctx, key, wanted.get(key.sku()), prices.get(key.sku()));
                }
                PsiEvent answer = outbox.emit(t, ctx, reserved);
                var shortages = new ArrayList<Shortage>();
                for (StockKey key : sortedKeys) {
                    BigDecimal quantity = wanted.get(key.sku());
                    if (ledger.reserve(t, ctx, key, quantity).isEmpty()) {
                        shortages.add(ledger.shortage(t, ctx, key, quantity));
                    }
                }
                if (!shortages.isEmpty()) {
                    throw new InsufficientStock(shortages);
                }
                return answer;
            });
        } catch (InsufficientStock e) {
            return outbox.emit(tx, ctx, (id, t, number, at) -> new StockEvents.ReservationRejected(id, t, number, at,
                    number, order.warehouseCode(), e.getMessage(), OrderLines.shortLines(e.shortages())));
        }
    }

    /**
     * One delivery of a batched {@link #reserveAll}.
     *
     * @param trace the delivery's own trace: what is emitted for it carries it (null: the thread's)
     */
    public record Request(TenantId tenant, SalesOrderEvents.Placed order, @Nullable String eventId,
                          @Nullable TraceContext trace) {
    }

    /**
     * Group commit of several placed orders in the caller's transaction, with the answers of
     * {@link #reserve} one by one. First all of them at once: every order's reservation rows and
     * answer, then one guarded UPDATE per stock row for what they take together and a ledger row
     * each. When one of those UPDATEs finds too little, all of that is undone and the orders are
     * reserved one after the other instead, each all-or-nothing across its lines. Whatever is emitted
     * for an order (its answer, a low-stock event it causes) is in that order's own trace.
     */
    public void reserveAll(Tx tx, List<Request> requests) throws SQLException {
        record Member(Request request, MovementContext ctx, Map<String, BigDecimal> wanted,
                      Map<String, BigDecimal> prices, List<StockKey> keys) {
        }
        var members = new ArrayList<Member>(requests.size());
        var resolved = new HashMap<String, StockKey>();
        for (Request request : requests) {
            var order = request.order();
            var wanted = OrderLines.merge(OrderLines.quantities(order.lines()));
            var memberKeys = new ArrayList<StockKey>();
            for (String sku : wanted.keySet()) {
                String name = request.tenant().value() + '\n' + sku + '\n' + order.warehouseCode();
                StockKey key = resolved.get(name);
                if (key == null) {
                    key = keys.resolve(tx, request.tenant(), sku, order.warehouseCode(), "sku", "warehouseCode");
                    resolved.put(name, key);
                }
                memberKeys.add(key);
            }
            members.add(new Member(request, context(request.tenant(), order.orderNumber(), request.eventId()), wanted,
                    OrderLines.netUnitPrices(order.lines()), memberKeys));
        }
        try {
            tx.attempt(t -> {
                var rows = new TreeMap<StockKey, List<StockLedger.Share>>(StockKey.LOCK_ORDER);
                for (Member m : members) {
                    var order = m.request().order();
                    if (reservations.exists(t, m.request().tenant(), SALES_ORDER, order.orderNumber())) {
                        continue; // reserved before (or earlier in this batch): answered already
                    }
                    for (StockKey key : m.keys()) {
                        BigDecimal quantity = m.wanted().get(key.sku());
                        reservations.add(t, m.ctx(), key, quantity, m.prices().get(key.sku()));
                        rows.computeIfAbsent(key, k -> new ArrayList<>())
                                .add(new StockLedger.Share(m.ctx(), quantity, m.request().trace()));
                    }
                    var lines = OrderLines.quantities(order.lines());
                    TraceContext.within(m.request().trace(), () -> outbox.emit(t, m.ctx(), (id, tn, number, at) ->
                            new StockEvents.Reserved(id, tn, number, at, number, order.warehouseCode(), lines)));
                }
                for (var row : rows.entrySet()) {
                    if (!ledger.reserveAll(t, row.getKey(), row.getValue())) {
                        throw Shortfall.INSTANCE;
                    }
                }
                return null;
            });
        } catch (Shortfall e) {
            for (Request request : requests) {
                TraceContext.within(request.trace(), () ->
                        reserve(tx, request.tenant(), request.order(), request.eventId()));
            }
        }
    }

    /** The orders of a batch do not all fit together. */
    private static final class Shortfall extends RuntimeException {
        static final Shortfall INSTANCE = new Shortfall();

        private Shortfall() {
            super("the batch does not fit", null, false, false);
        }
    }

    /** Releases whatever the order still holds reserved: {@code stock.released}. */
    public PsiEvent release(Tx tx, TenantId tenant, SalesOrderEvents.Cancelled order, @Nullable String eventId)
            throws SQLException {
        var ctx = context(tenant, order.orderNumber(), eventId);
        var released = new ArrayList<Lines.Quantity>();
        var held = reservations.held(tx, tenant, SALES_ORDER, order.orderNumber());
        // The reservation rows and the answer first; the stock rows last (locked until the commit).
        for (var h : held) {
            reservations.released(tx, h, ctx.at());
            released.add(new Lines.Quantity(h.key().sku(), plain(h.quantity())));
        }
        var answer = outbox.emit(tx, ctx, (id, t, number, at) ->
                new StockEvents.Released(id, t, number, at, number, order.warehouseCode(), released));
        for (var h : held) {
            ledger.release(tx, ctx, h.key(), h.quantity()).orElseThrow(() ->
                    new IllegalStateException("reservation of " + order.orderNumber() + " exceeds reserved stock"));
        }
        return answer;
    }

    /** Ships from the order's reservation: {@code stock.issued} (with cost of goods) or {@code stock.issue-rejected}. */
    public PsiEvent issue(Tx tx, TenantId tenant, SalesOrderEvents.ShipmentRequested shipment, @Nullable String eventId)
            throws SQLException {
        var ctx = context(tenant, shipment.orderNumber(), eventId);
        var wanted = OrderLines.merge(shipment.lines());
        var held = new LinkedHashMap<String, Reservations.Held>();
        reservations.held(tx, tenant, SALES_ORDER, shipment.orderNumber()).forEach(h -> held.put(h.key().sku(), h));
        var shortages = new ArrayList<Shortage>();
        for (var entry : wanted.entrySet()) {
            var reservation = held.get(entry.getKey());
            BigDecimal available = reservation == null ? BigDecimal.ZERO : reservation.quantity();
            if (available.compareTo(entry.getValue()) < 0) {
                shortages.add(new Shortage(entry.getKey(), shipment.warehouseCode(), plain(entry.getValue()),
                        plain(available)));
            }
        }
        if (!shortages.isEmpty()) {
            return outbox.emit(tx, ctx, (id, t, number, at) -> new StockEvents.IssueRejected(id, t, number, at, number,
                    shipment.shipmentNumber(), shipment.warehouseCode(),
                    "The shipment exceeds what the order holds reserved", OrderLines.shortLines(shortages)));
        }
        var issued = new ArrayList<Lines.Priced>();
        var ordered = wanted.keySet().stream().map(held::get).sorted((a, b) -> a.key().compareTo(b.key())).toList();
        for (var reservation : ordered) {
            BigDecimal quantity = wanted.get(reservation.key().sku());
            reservations.issued(tx, reservation, quantity, ctx.at());
            var movement = ledger.issueReserved(tx, ctx, reservation.key(), quantity, reservation.netAmount(quantity))
                    .orElseThrow(() ->
                    new IllegalStateException("reserved stock of " + shipment.orderNumber() + " is missing"));
            issued.add(new Lines.Priced(reservation.key().sku(), plain(quantity), plain(movement.unitCost())));
        }
        return outbox.emit(tx, ctx, (id, t, number, at) -> new StockEvents.Issued(id, t, number, at, number,
                shipment.shipmentNumber(), shipment.warehouseCode(), issued));
    }

    private MovementContext context(TenantId tenant, String orderNumber, @Nullable String eventId) {
        return MovementContext.ofOrder(tenant, SALES_ORDER, orderNumber, eventId, clock.instant());
    }
}
