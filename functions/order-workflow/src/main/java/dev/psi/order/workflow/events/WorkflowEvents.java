package dev.psi.order.workflow.events;

import dev.psi.contract.events.EventType;
import dev.psi.contract.events.Lines;
import dev.psi.contract.events.StockEvents;
import dev.psi.kernel.db.Tx;
import dev.psi.kernel.events.EventHandler;
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
import java.util.Set;

/**
 * Stock-adjust's answers move orders on: reserved -> CONFIRMED, rejected -> REJECTED, issued ->
 * (PARTIALLY_)SHIPPED, released -> CANCELLED, received -> (PARTIALLY_)RECEIVED, returns booked.
 * Runs in the inbox transaction, so each answer is applied exactly once.
 */
@Singleton
final class WorkflowEvents implements EventHandler {

    private static final Set<EventType> HANDLED = Set.of(EventType.STOCK_RESERVED, EventType.STOCK_RESERVATION_REJECTED,
            EventType.STOCK_ISSUED, EventType.STOCK_ISSUE_REJECTED, EventType.STOCK_RELEASED, EventType.STOCK_RECEIVED,
            EventType.STOCK_RETURNED_IN, EventType.STOCK_RETURNED_OUT, EventType.STOCK_RETURN_OUT_REJECTED);

    private final OrderRepository store;

    WorkflowEvents(OrderRepository store) {
        this.store = store;
    }

    @Override
    public String consumer() {
        return "order-workflow";
    }

    @Override
    public Set<EventType> handles() {
        return HANDLED;
    }

    @Override
    public void handle(Tx tx, InboundEvent event) throws SQLException {
        Object body = event.body();
        if (body instanceof StockEvents.Reserved e) {
            var order = order(tx, event, Kind.SALES, e.orderNumber(), List.of());
            move(tx, event, order, SalesOrderMachine.onReserved(order.sales()), null);
        } else if (body instanceof StockEvents.ReservationRejected e) {
            var order = order(tx, event, Kind.SALES, e.orderNumber(), List.of());
            move(tx, event, order, SalesOrderMachine.onReservationRejected(order.sales()), e.reason());
        } else if (body instanceof StockEvents.Issued e) {
            var order = order(tx, event, Kind.SALES, e.orderNumber(), e.lines().stream().map(Lines.Priced::sku).toList());
            for (Lines.Priced line : e.lines()) {
                store.confirm(tx, Kind.SALES, order.line(line.sku()), line.quantity(), false, line.unitPrice());
            }
            boolean everything = reload(tx, event, order).everythingDone();
            move(tx, event, order, SalesOrderMachine.onIssued(order.sales(), everything), "shipment " + e.shipmentNumber());
        } else if (body instanceof StockEvents.IssueRejected e) {
            var order = order(tx, event, Kind.SALES, e.orderNumber(), List.of());
            for (Lines.Short line : e.shortLines()) {
                if (order.line(line.sku()) != null) {
                    store.dropPending(tx, Kind.SALES, order.line(line.sku()), line.requested(), false);
                }
            }
            note(tx, event, order, e.reason());
        } else if (body instanceof StockEvents.Released e) {
            var order = order(tx, event, Kind.SALES, e.orderNumber(), List.of());
            move(tx, event, order, SalesOrderMachine.onReleased(order.sales()), null);
        } else if (body instanceof StockEvents.ReturnedIn e) {
            confirmReturn(tx, event, Kind.SALES, e.orderNumber(), priced(e.lines()), "return " + e.returnNumber());
        } else if (body instanceof StockEvents.Received e) {
            var order = order(tx, event, Kind.PURCHASE, e.orderNumber(), e.lines().stream().map(Lines.Priced::sku).toList());
            for (Lines.Priced line : e.lines()) {
                store.confirm(tx, Kind.PURCHASE, order.line(line.sku()), line.quantity(), false, null);
            }
            boolean everything = reload(tx, event, order).everythingDone();
            move(tx, event, order, PurchaseOrderMachine.onReceived(order.purchase(), everything),
                    "receipt " + e.receiptNumber());
        } else if (body instanceof StockEvents.ReturnedOut e) {
            confirmReturn(tx, event, Kind.PURCHASE, e.orderNumber(), priced(e.lines()), "return " + e.returnNumber());
        } else if (body instanceof StockEvents.ReturnOutRejected e) {
            var order = order(tx, event, Kind.PURCHASE, e.orderNumber(), List.of());
            for (Lines.Short line : e.shortLines()) {
                if (order.line(line.sku()) != null) {
                    store.dropPending(tx, Kind.PURCHASE, order.line(line.sku()), line.requested(), true);
                }
            }
            note(tx, event, order, e.reason());
        } else {
            throw new PermanentEventFailure("order-workflow cannot apply " + event.type().type());
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

    private static List<Lines.Quantity> priced(List<Lines.Priced> lines) {
        return lines.stream().map(l -> new Lines.Quantity(l.sku(), l.quantity())).toList();
    }
}
