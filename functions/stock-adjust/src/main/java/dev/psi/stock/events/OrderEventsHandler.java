package dev.psi.stock.events;

import dev.psi.contract.events.EventType;
import dev.psi.contract.events.Lines;
import dev.psi.contract.events.PurchaseOrderEvents;
import dev.psi.contract.events.SalesOrderEvents;
import dev.psi.kernel.db.Tx;
import dev.psi.kernel.events.EventHandler;
import dev.psi.kernel.events.InboundEvent;
import dev.psi.kernel.events.PermanentEventFailure;
import dev.psi.stock.document.StockOperations;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.List;
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

    private final StockOperations stock;

    OrderEventsHandler(StockOperations stock) {
        this.stock = stock;
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
            stock.reserve(tx, tenant, e.orderNumber(), e.warehouseCode(), quantities(e.lines()), event.id());
        } else if (body instanceof SalesOrderEvents.ShipmentRequested e) {
            stock.issue(tx, tenant, e.orderNumber(), e.shipmentNumber(), e.warehouseCode(), e.lines(), event.id());
        } else if (body instanceof SalesOrderEvents.Cancelled e) {
            stock.release(tx, tenant, e.orderNumber(), e.warehouseCode(), event.id());
        } else if (body instanceof SalesOrderEvents.ReturnReceived e) {
            stock.returnIn(tx, tenant, e.orderNumber(), e.returnNumber(), e.warehouseCode(), e.lines(), event.id());
        } else if (body instanceof PurchaseOrderEvents.GoodsReceived e) {
            stock.receive(tx, tenant, e.orderNumber(), e.receiptNumber(), e.warehouseCode(), e.lines(), event.id());
        } else if (body instanceof PurchaseOrderEvents.GoodsReturned e) {
            stock.returnOut(tx, tenant, e.orderNumber(), e.returnNumber(), e.warehouseCode(), e.lines(), event.id());
        } else {
            throw new PermanentEventFailure("stock-adjust cannot apply " + event.type().type());
        }
    }

    private static List<Lines.Quantity> quantities(List<Lines.Priced> lines) {
        return lines.stream().map(l -> new Lines.Quantity(l.sku(), l.quantity())).toList();
    }
}
