package dev.psi.order.workflow.events;

import dev.psi.contract.events.Lines;
import dev.psi.contract.events.StockEvents;
import dev.psi.contract.order.OrderStatus.Purchase;
import dev.psi.contract.order.OrderStatus.Sales;
import dev.psi.kernel.db.Tx;
import dev.psi.kernel.events.EventHandler;
import dev.psi.kernel.events.EventRoutes;
import dev.psi.kernel.events.InboundEvent;
import dev.psi.kernel.events.PermanentEventFailure;
import dev.psi.order.workflow.domain.Kind;
import dev.psi.order.workflow.domain.PurchaseOrderMachine;
import dev.psi.order.workflow.domain.SalesOrderMachine;
import dev.psi.order.workflow.store.OrderRecord;
import dev.psi.order.workflow.store.OrderStore;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Stock-adjust's answers move orders on: reserved -> CONFIRMED, rejected -> REJECTED, issued ->
 * (PARTIALLY_)SHIPPED, released -> CANCELLED, received -> (PARTIALLY_)RECEIVED, returns booked.
 * Runs in the inbox transaction, so each answer is applied exactly once.
 */
@Singleton
final class WorkflowEvents implements EventHandler {

    private final OrderStore store;
    private final EventRoutes routes;

    WorkflowEvents(OrderStore store) {
        this.store = store;
        this.routes = EventRoutes.builder()
                .on(StockEvents.Reserved.class, (tx, event, e) -> {
                    var order = order(tx, event, Kind.SALES, e.orderNumber(), List.of());
                    move(tx, event, order, SalesOrderMachine.onReserved(sales(order)), null);
                })
                .on(StockEvents.ReservationRejected.class, (tx, event, e) -> {
                    var order = order(tx, event, Kind.SALES, e.orderNumber(), List.of());
                    move(tx, event, order, SalesOrderMachine.onReservationRejected(sales(order)), e.reason());
                })
                .on(StockEvents.Issued.class, (tx, event, e) -> {
                    var order = order(tx, event, Kind.SALES, e.orderNumber(), e.lines().stream().map(Lines.Priced::sku).toList());
                    for (Lines.Priced line : e.lines()) {
                        store.confirm(tx, Kind.SALES, order.line(line.sku()), line.quantity(), false, line.unitPrice());
                    }
                    boolean everything = reload(tx, event, order).everythingDone();
                    move(tx, event, order, SalesOrderMachine.onIssued(sales(order), everything), "shipment " + e.shipmentNumber());
                })
                .on(StockEvents.IssueRejected.class, (tx, event, e) -> {
                    var order = order(tx, event, Kind.SALES, e.orderNumber(), List.of());
                    for (Lines.Short line : e.shortLines()) {
                        if (order.line(line.sku()) != null) {
                            store.dropPending(tx, Kind.SALES, order.line(line.sku()), line.requested(), false);
                        }
                    }
                    note(tx, event, order, e.reason());
                })
                .on(StockEvents.Released.class, (tx, event, e) -> {
                    var order = order(tx, event, Kind.SALES, e.orderNumber(), List.of());
                    move(tx, event, order, SalesOrderMachine.onReleased(sales(order)), null);
                })
                .on(StockEvents.ReturnedIn.class, (tx, event, e) -> {
                    confirmReturn(tx, event, Kind.SALES, e.orderNumber(), priced(e.lines()), "return " + e.returnNumber());
                })
                .on(StockEvents.Received.class, (tx, event, e) -> {
                    var order = order(tx, event, Kind.PURCHASE, e.orderNumber(), e.lines().stream().map(Lines.Priced::sku).toList());
                    for (Lines.Priced line : e.lines()) {
                        store.confirm(tx, Kind.PURCHASE, order.line(line.sku()), line.quantity(), false, null);
                    }
                    boolean everything = reload(tx, event, order).everythingDone();
                    move(tx, event, order, PurchaseOrderMachine.onReceived(Purchase.valueOf(order.status()), everything),
                            "receipt " + e.receiptNumber());
                })
                .on(StockEvents.ReturnedOut.class, (tx, event, e) -> {
                    confirmReturn(tx, event, Kind.PURCHASE, e.orderNumber(), priced(e.lines()), "return " + e.returnNumber());
                })
                .on(StockEvents.ReturnOutRejected.class, (tx, event, e) -> {
                    var order = order(tx, event, Kind.PURCHASE, e.orderNumber(), List.of());
                    for (Lines.Short line : e.shortLines()) {
                        if (order.line(line.sku()) != null) {
                            store.dropPending(tx, Kind.PURCHASE, order.line(line.sku()), line.requested(), true);
                        }
                    }
                    note(tx, event, order, e.reason());
                })
                .build();
    }

    @Override
    public String consumer() {
        return "order-workflow";
    }

    @Override
    public EventRoutes routes() {
        return routes;
    }

    private void confirmReturn(Tx tx, InboundEvent event, Kind kind, String number, List<Lines.Quantity> lines,
                               String what) throws SQLException {
        var order = order(tx, event, kind, number, lines.stream().map(Lines.Quantity::sku).toList());
        for (Lines.Quantity line : lines) {
            store.confirm(tx, kind, order.line(line.sku()), line.quantity(), true, null);
        }
        note(tx, event, order, what + " booked");
    }

    /** Applies a transition when the machine allows one; otherwise only notes what happened. */
    private void move(Tx tx, InboundEvent event, OrderRecord order, Optional<? extends Enum<?>> next,
                      @Nullable String reason) throws SQLException {
        if (next.isPresent()) {
            store.changeStatus(tx, event.tenant(), order, next.get().name(), reason, event.id(), event.type().type());
        } else if (reason != null) {
            note(tx, event, order, reason);
        }
    }

    private void note(Tx tx, InboundEvent event, OrderRecord order, String reason) throws SQLException {
        store.note(tx, event.tenant(), order, order.status(), reason, event.id(), event.type().type());
    }

    /** The order an answer is about; an answer about an unknown order or line can never apply. */
    private OrderRecord order(Tx tx, InboundEvent event, Kind kind, String number, List<String> skus) throws SQLException {
        var order = store.lock(tx, event.tenant(), kind, number)
                .orElseThrow(() -> new PermanentEventFailure(kind.what() + " " + number + " does not exist for tenant "
                        + event.tenant()));
        var unknown = skus.stream().filter(sku -> order.line(sku) == null).toList();
        if (!unknown.isEmpty()) {
            throw new PermanentEventFailure(kind.what() + " " + number + " has no lines for " + unknown);
        }
        return order;
    }

    private OrderRecord reload(Tx tx, InboundEvent event, OrderRecord order) throws SQLException {
        return store.require(tx, event.tenant(), order.kind(), order.number());
    }

    private static Sales sales(OrderRecord order) {
        return Sales.valueOf(order.status());
    }

    private static List<Lines.Quantity> priced(List<Lines.Priced> lines) {
        return lines.stream().map(l -> new Lines.Quantity(l.sku(), l.quantity())).toList();
    }
}
