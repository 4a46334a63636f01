package dev.psi.stock.reservation;

import static dev.psi.stock.ledger.OrderLines.plain;
import static dev.psi.stock.ledger.MovementContext.SALES_ORDER;

import dev.psi.contract.events.Lines;
import dev.psi.contract.events.PsiEvent;
import dev.psi.contract.events.SalesOrderEvents;
import dev.psi.contract.events.StockEvents;
import dev.psi.kernel.db.Tx;
import dev.psi.kernel.tenant.TenantId;
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
import java.util.LinkedHashMap;

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
        var sortedKeys = new ArrayList<StockKey>();
        for (String sku : wanted.keySet()) {
            sortedKeys.add(keys.resolve(tx, tenant, sku, order.warehouseCode(), "sku", "warehouseCode"));
        }
        sortedKeys.sort(StockKey.LOCK_ORDER);
        try {
            tx.attempt(t -> {
                var shortages = new ArrayList<Shortage>();
                for (StockKey key : sortedKeys) {
                    BigDecimal quantity = wanted.get(key.sku());
                    if (ledger.reserve(t, ctx, key, quantity).isPresent()) {
                        reservations.add(t, ctx, key, quantity);
                    } else {
                        shortages.add(ledger.shortage(t, ctx, key, quantity));
                    }
                }
                if (!shortages.isEmpty()) {
                    throw new InsufficientStock(shortages);
                }
                return null;
            });
        } catch (InsufficientStock e) {
            return outbox.emit(tx, ctx, (id, t, number, at) -> new StockEvents.ReservationRejected(id, t, number, at,
                    number, order.warehouseCode(), e.getMessage(), OrderLines.shortLines(e.shortages())));
        }
        return outbox.emit(tx, ctx, reserved);
    }

    /** Releases whatever the order still holds reserved: {@code stock.released}. */
    public PsiEvent release(Tx tx, TenantId tenant, SalesOrderEvents.Cancelled order, @Nullable String eventId)
            throws SQLException {
        var ctx = context(tenant, order.orderNumber(), eventId);
        var released = new ArrayList<Lines.Quantity>();
        for (var held : reservations.held(tx, tenant, SALES_ORDER, order.orderNumber())) {
            ledger.release(tx, ctx, held.key(), held.quantity()).orElseThrow(() ->
                    new IllegalStateException("reservation of " + order.orderNumber() + " exceeds reserved stock"));
            reservations.released(tx, held, ctx.at());
            released.add(new Lines.Quantity(held.key().sku(), plain(held.quantity())));
        }
        return outbox.emit(tx, ctx, (id, t, number, at) ->
                new StockEvents.Released(id, t, number, at, number, order.warehouseCode(), released));
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
            var movement = ledger.issueReserved(tx, ctx, reservation.key(), quantity).orElseThrow(() ->
                    new IllegalStateException("reserved stock of " + shipment.orderNumber() + " is missing"));
            reservations.issued(tx, reservation, quantity, ctx.at());
            issued.add(new Lines.Priced(reservation.key().sku(), plain(quantity), plain(movement.unitCost())));
        }
        return outbox.emit(tx, ctx, (id, t, number, at) -> new StockEvents.Issued(id, t, number, at, number,
                shipment.shipmentNumber(), shipment.warehouseCode(), issued));
    }

    private MovementContext context(TenantId tenant, String orderNumber, @Nullable String eventId) {
        return MovementContext.ofOrder(tenant, SALES_ORDER, orderNumber, eventId, clock.instant());
    }
}
