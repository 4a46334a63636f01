package dev.psi.stock.events;

import dev.psi.contract.events.PurchaseOrderEvents;
import dev.psi.contract.events.SalesOrderEvents;
import dev.psi.kernel.events.EventHandler;
import dev.psi.kernel.events.EventRoutes;
import dev.psi.stock.movement.GoodsMovements;
import dev.psi.stock.reservation.OrderReservations;
import jakarta.inject.Singleton;

/**
 * Order events drive stock: placed -> reserve, shipment requested -> issue, cancelled -> release,
 * goods received -> receive, and the two kinds of return. The answer (success or typed rejection)
 * goes out through the outbox in the same transaction as the inbox entry and the movements.
 */
@Singleton
final class OrderEventsHandler implements EventHandler {

    private final EventRoutes routes;

    OrderEventsHandler(OrderReservations reservations, GoodsMovements goods) {
        this.routes = EventRoutes.builder()
                .on(SalesOrderEvents.Placed.class, (tx, event, placed) ->
                        reservations.reserve(tx, event.tenant(), placed, event.id()))
                .on(SalesOrderEvents.ShipmentRequested.class, (tx, event, shipment) ->
                        reservations.issue(tx, event.tenant(), shipment, event.id()))
                .on(SalesOrderEvents.Cancelled.class, (tx, event, cancelled) ->
                        reservations.release(tx, event.tenant(), cancelled, event.id()))
                .on(SalesOrderEvents.ReturnReceived.class, (tx, event, returned) ->
                        goods.returnIn(tx, event.tenant(), returned, event.id()))
                .on(PurchaseOrderEvents.GoodsReceived.class, (tx, event, receipt) ->
                        goods.receive(tx, event.tenant(), receipt, event.id()))
                .on(PurchaseOrderEvents.GoodsReturned.class, (tx, event, returned) ->
                        goods.returnOut(tx, event.tenant(), returned, event.id()))
                .build();
    }

    @Override
    public String consumer() {
        return "stock-adjust";
    }

    @Override
    public EventRoutes routes() {
        return routes;
    }
}
