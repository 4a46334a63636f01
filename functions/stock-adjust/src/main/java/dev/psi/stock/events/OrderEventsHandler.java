package dev.psi.stock.events;

import dev.psi.contract.events.EventType;
import dev.psi.contract.events.PurchaseOrderEvents;
import dev.psi.contract.events.SalesOrderEvents;
import dev.psi.kernel.db.Tx;
import dev.psi.kernel.events.EventHandler;
import dev.psi.kernel.events.InboundEvent;
import dev.psi.kernel.events.PermanentEventFailure;
import dev.psi.stock.movement.GoodsMovements;
import dev.psi.stock.reservation.OrderReservations;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.Set;

/**
 * Order events drive stock: placed -> reserve, shipment requested -> issue, cancelled -> release,
 * goods received -> receive, and the two kinds of return. The answer (success or typed rejection)
 * goes out through the outbox in the same transaction as the inbox entry and the movements.
 */
@Singleton
final class OrderEventsHandler implements EventHandler {

    private static final Set<EventType> HANDLED = Set.of(EventType.SALES_ORDER_PLACED,
            EventType.SALES_ORDER_SHIPMENT_REQUESTED, EventType.SALES_ORDER_CANCELLED,
            EventType.SALES_ORDER_RETURN_RECEIVED, EventType.PURCHASE_ORDER_GOODS_RECEIVED,
            EventType.PURCHASE_ORDER_GOODS_RETURNED);

    private final OrderReservations reservations;
    private final GoodsMovements goods;

    OrderEventsHandler(OrderReservations reservations, GoodsMovements goods) {
        this.reservations = reservations;
        this.goods = goods;
    }

    @Override
    public String consumer() {
        return "stock-adjust";
    }

    @Override
    public Set<EventType> handles() {
        return HANDLED;
    }

    @Override
    public void handle(Tx tx, InboundEvent event) throws SQLException {
        Object body = event.body();
        var tenant = event.tenant();
        if (body instanceof SalesOrderEvents.Placed e) {
            reservations.reserve(tx, tenant, e, event.id());
        } else if (body instanceof SalesOrderEvents.ShipmentRequested e) {
            reservations.issue(tx, tenant, e, event.id());
        } else if (body instanceof SalesOrderEvents.Cancelled e) {
            reservations.release(tx, tenant, e, event.id());
        } else if (body instanceof SalesOrderEvents.ReturnReceived e) {
            goods.returnIn(tx, tenant, e, event.id());
        } else if (body instanceof PurchaseOrderEvents.GoodsReceived e) {
            goods.receive(tx, tenant, e, event.id());
        } else if (body instanceof PurchaseOrderEvents.GoodsReturned e) {
            goods.returnOut(tx, tenant, e, event.id());
        } else {
            throw new PermanentEventFailure("stock-adjust cannot apply " + event.type().type());
        }
    }
}
