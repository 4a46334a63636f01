package dev.psi.stock.events;

import dev.psi.contract.events.PurchaseOrderEvents;
import dev.psi.contract.events.SalesOrderEvents;
import dev.psi.kernel.db.Tx;
import dev.psi.kernel.events.BatchedRoutes;
import dev.psi.kernel.events.EventHandler;
import dev.psi.kernel.events.InboundEvent;
import dev.psi.kernel.events.EventRoutes;
import dev.psi.stock.movement.GoodsMovements;
import dev.psi.stock.reservation.OrderReservations;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.List;
import java.util.TreeSet;

/**
 * Order events drive stock: placed -> reserve, shipment requested -> issue, cancelled -> release,
 * goods received -> receive, and the two kinds of return. The answer (success or typed rejection)
 * goes out through the outbox in the same transaction as the inbox entry and the movements.
 */
@Singleton
final class OrderEventsHandler implements EventHandler {

    private final EventRoutes routes;
    private final BatchedRoutes batching;

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
        this.batching = new BatchedRoutes() {
            /** Placed orders of one warehouse and the same SKUs contend for the same stock rows. */
            @Override
            public String batchKey(InboundEvent event) {
                if (!(event.body() instanceof SalesOrderEvents.Placed placed) || placed.lines() == null) {
                    return null;
                }
                var skus = new TreeSet<String>();
                placed.lines().forEach(line -> skus.add(String.valueOf(line.sku())));
                return event.tenant().value() + '\n' + placed.warehouseCode() + '\n' + String.join("\n", skus);
            }

            @Override
            public void applyAll(Tx tx, List<InboundEvent> events) throws SQLException {
                reservations.reserveAll(tx, events.stream().map(e -> new OrderReservations.Request(e.tenant(),
                        (SalesOrderEvents.Placed) e.body(), e.id(), e.trace())).toList());
            }
        };
    }

    @Override
    public BatchedRoutes batching() {
        return batching;
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
