package dev.psi.order.workflow.domain;

import dev.psi.contract.order.OrderStatus.Sales;
import java.util.Optional;

/**
 * The sales order life: PLACED -> CONFIRMED (stock reserved) or REJECTED (short);
 * CONFIRMED -> PARTIALLY_SHIPPED -> SHIPPED as stock is issued; PLACED or CONFIRMED, with nothing
 * shipped or in flight, -> CANCELLING -> CANCELLED once the reservation is released. An event that does not fit the state (a late
 * reservation of a cancelled order) changes nothing.
 */
public final class SalesOrderMachine {

    private SalesOrderMachine() {
    }

    public static void requireShippable(String number, Sales status) {
        if (status != Sales.CONFIRMED && status != Sales.PARTIALLY_SHIPPED) {
            throw new IllegalTransition(number, status.name(), "ship it");
        }
    }

    /**
     * Only an order of which nothing has been shipped or asked to be shipped can be cancelled: a
     * shipment in flight would otherwise leave an order CANCELLED with its goods gone.
     */
    public static Sales cancel(String number, Sales status, boolean anythingShippedOrInFlight) {
        if (status != Sales.PLACED && status != Sales.CONFIRMED) {
            throw new IllegalTransition(number, status.name(), "cancel it");
        }
        if (anythingShippedOrInFlight) {
            throw new IllegalTransition(number, status.name() + " with goods shipped or a shipment in flight", "cancel it");
        }
        return Sales.CANCELLING;
    }

    public static void requireReturnable(String number, Sales status) {
        if (status != Sales.PARTIALLY_SHIPPED && status != Sales.SHIPPED) {
            throw new IllegalTransition(number, status.name(), "take back goods that were not shipped");
        }
    }

    public static Optional<Sales> onReserved(Sales status) {
        return status == Sales.PLACED ? Optional.of(Sales.CONFIRMED) : Optional.empty();
    }

    public static Optional<Sales> onReservationRejected(Sales status) {
        return status == Sales.PLACED ? Optional.of(Sales.REJECTED) : Optional.empty();
    }

    public static Optional<Sales> onIssued(Sales status, boolean everythingShipped) {
        if (status != Sales.CONFIRMED && status != Sales.PARTIALLY_SHIPPED) {
            return Optional.empty();
        }
        Sales next = everythingShipped ? Sales.SHIPPED : Sales.PARTIALLY_SHIPPED;
        return next == status ? Optional.empty() : Optional.of(next);
    }

    public static Optional<Sales> onReleased(Sales status) {
        return status == Sales.CANCELLING ? Optional.of(Sales.CANCELLED) : Optional.empty();
    }
}
