package dev.psi.stock.events;

import dev.psi.contract.events.Lines;
import dev.psi.contract.events.PurchaseOrderEvents;
import dev.psi.contract.events.SalesOrderEvents;
import dev.psi.kernel.events.EventHandler;
import dev.psi.kernel.events.EventRoutes;
import dev.psi.stock.document.StockOperations;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Order events drive stock: placed -> reserve, shipment requested -> issue, cancelled -> release,
 * goods received -> receive, and the two kinds of return. The answer (success or typed rejection)
 * goes out through the outbox in the same transaction as the inbox entry and the movements.
 */
@Singleton
final class OrderEventsHandler implements EventHandler {

    private final EventRoutes routes;

    OrderEventsHandler(StockOperations stock) {
        this.routes = EventRoutes.builder()
                .on(SalesOrderEvents.Placed.class, (tx, event, e) -> stock.reserve(tx, event.tenant(), e.orderNumber(),
                        e.warehouseCode(), quantities(e.lines()), event.id()))
                .on(SalesOrderEvents.ShipmentRequested.class, (tx, event, e) -> stock.issue(tx, event.tenant(),
                        e.orderNumber(), e.shipmentNumber(), e.warehouseCode(), e.lines(), event.id()))
                .on(SalesOrderEvents.Cancelled.class, (tx, event, e) -> stock.release(tx, event.tenant(),
                        e.orderNumber(), e.warehouseCode(), event.id()))
                .on(SalesOrderEvents.ReturnReceived.class, (tx, event, e) -> stock.returnIn(tx, event.tenant(),
                        e.orderNumber(), e.returnNumber(), e.warehouseCode(), e.lines(), event.id()))
                .on(PurchaseOrderEvents.GoodsReceived.class, (tx, event, e) -> stock.receive(tx, event.tenant(),
                        e.orderNumber(), e.receiptNumber(), e.warehouseCode(), e.lines(), event.id()))
                .on(PurchaseOrderEvents.GoodsReturned.class, (tx, event, e) -> stock.returnOut(tx, event.tenant(),
                        e.orderNumber(), e.returnNumber(), e.warehouseCode(), e.lines(), event.id()))
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

    private static List<Lines.Quantity> quantities(List<Lines.Priced> lines) {
        return lines.stream().map(l -> new Lines.Quantity(l.sku(), l.quantity())).toList();
    }
}
