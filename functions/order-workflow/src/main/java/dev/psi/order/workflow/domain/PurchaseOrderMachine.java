package dev.psi.order.workflow.domain;

import dev.psi.contract.order.OrderStatus.Purchase;
import java.util.Optional;

/**
 * The purchase order life: SUBMITTED -> PARTIALLY_RECEIVED -> RECEIVED as stock is received;
 * an order with nothing received or in flight can be CANCELLED.
 */
public final class PurchaseOrderMachine {

    private PurchaseOrderMachine() {
    }

    public static void requireReceivable(String number, Purchase status) {
        if (status != Purchase.SUBMITTED && status != Purchase.PARTIALLY_RECEIVED) {
            throw new IllegalTransition(number, status.name(), "receive goods for it");
        }
    }

    public static Purchase cancel(String number, Purchase status, boolean anythingReceivedOrInFlight) {
        if (status != Purchase.SUBMITTED || anythingReceivedOrInFlight) {
            throw new IllegalTransition(number, status.name()
                    + (anythingReceivedOrInFlight ? " with goods received or a receipt in flight" : ""), "cancel it");
        }
        return Purchase.CANCELLED;
    }

    public static void requireReturnable(String number, Purchase status) {
        if (status != Purchase.PARTIALLY_RECEIVED && status != Purchase.RECEIVED) {
            throw new IllegalTransition(number, status.name(), "return goods that were not received");
        }
    }

    public static Optional<Purchase> onReceived(Purchase status, boolean everythingReceived) {
        if (status != Purchase.SUBMITTED && status != Purchase.PARTIALLY_RECEIVED) {
            return Optional.empty();
        }
        Purchase next = everythingReceived ? Purchase.RECEIVED : Purchase.PARTIALLY_RECEIVED;
        return next == status ? Optional.empty() : Optional.of(next);
    }
}
