package dev.psi.order.workflow.events;

import dev.psi.contract.events.Lines;
import dev.psi.contract.events.StockEvents;
import dev.psi.kernel.db.Tx;
import dev.psi.kernel.events.EventHandler;
import dev.psi.kernel.events.EventRoutes;
import dev.psi.kernel.events.InboundEvent;
import dev.psi.kernel.events.PermanentEventFailure;
import dev.psi.order.workflow.domain.Kind;
import dev.psi.order.workflow.domain.PurchaseOrderMachine;
import dev.psi.order.workflow.domain.SalesOrderMachine;
import dev.psi.order.workflow.domain.Order;
import dev.psi.order.workflow.store.OrderRepository;
import dev.psi.order.workflow.store.StatusCause;
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

    private final OrderRepository store;
    private final EventRoutes routes;

    WorkflowEvents(OrderRepository store) {
        this.store = store;
        this.routes = EventRoutes.builder()
                .on(StockEvents.Reserved.class, this::reserved)
                .on(StockEvents.ReservationRejected.class, this::reservationRejected)
                .on(StockEvents.Issued.class, this::issued)
                .on(StockEvents.IssueRejected.class, this::issueRejected)
                .on(StockEvents.Released.class, this::released)
                .on(StockEvents.ReturnedIn.class, (tx, event, e) -> confirmReturn(tx, event, Kind.SALES,
                        e.orderNumber(), quantities(e.lines()), "return " + e.returnNumber()))
                .on(StockEvents.Received.class, this::received)
                .on(StockEvents.ReturnedOut.class, (tx, event, e) -> confirmReturn(tx, event, Kind.PURCHASE,
                        e.orderNumber(), quantities(e.lines()), "return " + e.returnNumber()))
                .on(StockEvents.ReturnOutRejected.class, this::returnOutRejected)
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

    private void reserved(Tx tx, InboundEvent event, StockEvents.Reserved e) throws SQLException {
        var order = order(tx, event, Kind.SALES, e.orderNumber(), List.of());
        move(tx, event, order, SalesOrderMachine.onReserved(order.sales()), null);
    }

    private void reservationRejected(Tx tx, InboundEvent event, StockEvents.ReservationRejected e) throws SQLException {
        var order = order(tx, event, Kind.SALES, e.orderNumber(), List.of());
        move(tx, event, order, SalesOrderMachine.onReservationRejected(order.sales()), e.reason());
    }

    private void issued(Tx tx, InboundEvent event, StockEvents.Issued e) throws SQLException {
        var order = order(tx, event, Kind.SALES, e.orderNumber(), e.lines().stream().map(Lines.Priced::sku).toList());
        for (Lines.Priced line : e.lines()) {
            store.confirm(tx, Kind.SALES, order.line(line.sku()), line.quantity(), false, line.unitPrice());
        }
        store.recordMovement(tx, event.tenant(), order, "SHIPMENT", e.shipmentNumber(), event.time(), event.id(),
                moved(order, e.lines()));
        boolean everything = reload(tx, event, order).everythingDone();
        move(tx, event, order, SalesOrderMachine.onIssued(order.sales(), everything), "shipment " + e.shipmentNumber());
    }

    private void issueRejected(Tx tx, InboundEvent event, StockEvents.IssueRejected e) throws SQLException {
        var order = order(tx, event, Kind.SALES, e.orderNumber(), List.of());
        dropPending(tx, order, e.shortLines(), false);
        note(tx, event, order, e.reason());
    }

    private void released(Tx tx, InboundEvent event, StockEvents.Released e) throws SQLException {
        var order = order(tx, event, Kind.SALES, e.orderNumber(), List.of());
        move(tx, event, order, SalesOrderMachine.onReleased(order.sales()), null);
    }

    private void received(Tx tx, InboundEvent event, StockEvents.Received e) throws SQLException {
        var order = order(tx, event, Kind.PURCHASE, e.orderNumber(), e.lines().stream().map(Lines.Priced::sku).toList());
        for (Lines.Priced line : e.lines()) {
            store.confirm(tx, Kind.PURCHASE, order.line(line.sku()), line.quantity(), false, null);
        }
        store.recordMovement(tx, event.tenant(), order, "RECEIPT", e.receiptNumber(), event.time(), event.id(),
                moved(order, e.lines()));
        boolean everything = reload(tx, event, order).everythingDone();
        move(tx, event, order, PurchaseOrderMachine.onReceived(order.purchase(), everything),
                "receipt " + e.receiptNumber());
    }

    private void returnOutRejected(Tx tx, InboundEvent event, StockEvents.ReturnOutRejected e) throws SQLException {
        var order = order(tx, event, Kind.PURCHASE, e.orderNumber(), List.of());
        dropPending(tx, order, e.shortLines(), true);
        note(tx, event, order, e.reason());
    }

    /** Stock-adjust refused these quantities: they are no longer in flight. */
    private void dropPending(Tx tx, Order order, List<Lines.Short> lines, boolean isReturn) throws SQLException {
        for (Lines.Short line : lines) {
            if (order.line(line.sku()) != null) {
                store.dropPending(tx, order.kind(), order.line(line.sku()), line.requested(), isReturn);
            }
        }
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
    private void move(Tx tx, InboundEvent event, Order order, Optional<? extends Enum<?>> next,
                      @Nullable String reason) throws SQLException {
        if (next.isPresent()) {
            store.changeStatus(tx, event.tenant(), order, next.get(), StatusCause.applied(event, reason));
        } else if (reason != null) {
            note(tx, event, order, reason);
        }
    }

    private void note(Tx tx, InboundEvent event, Order order, String reason) throws SQLException {
        store.note(tx, event.tenant(), order, order.status(), StatusCause.applied(event, reason));
    }

    /** The order an answer is about; an answer about an unknown order or line can never apply. */
    private Order order(Tx tx, InboundEvent event, Kind kind, String number, List<String> skus) throws SQLException {
        var order = store.lock(tx, event.tenant(), kind, number)
                .orElseThrow(() -> new PermanentEventFailure(kind.what() + " " + number + " does not exist for tenant "
                        + event.tenant()));
        var unknown = skus.stream().filter(sku -> order.line(sku) == null).toList();
        if (!unknown.isEmpty()) {
            throw new PermanentEventFailure(kind.what() + " " + number + " has no lines for " + unknown);
        }
        return order;
    }

    private Order reload(Tx tx, InboundEvent event, Order order) throws SQLException {
        return store.require(tx, event.tenant(), order.kind(), order.number());
    }

    /** What an answer moved of each order line (a SKU named twice counts twice). */
    private static java.util.Map<dev.psi.order.workflow.domain.OrderLineState, java.math.BigDecimal> moved(
            Order order, List<Lines.Priced> lines) {
        var moved = new java.util.LinkedHashMap<dev.psi.order.workflow.domain.OrderLineState, java.math.BigDecimal>();
        for (Lines.Priced line : lines) {
            moved.merge(order.line(line.sku()), line.quantity(), java.math.BigDecimal::add);
        }
        return moved;
    }

    private static List<Lines.Quantity> quantities(List<Lines.Priced> lines) {
        return lines.stream().map(l -> new Lines.Quantity(l.sku(), l.quantity())).toList();
    }
}
