package dev.psi.order.workflow.domain;

import dev.psi.contract.order.OrderStatus.Purchase;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * The purchase order life: SUBMITTED -> PARTIALLY_RECEIVED -> RECEIVED as stock is received;
 * an order with nothing received or in flight can be CANCELLED. Before that, a DRAFT (replenish makes
 * them) is submitted: SUBMITTED, or PENDING_APPROVAL when its total is above the approval threshold,
 * which an admin approves (SUBMITTED) or rejects (REJECTED). A DRAFT can also be CANCELLED.
 */
public final class PurchaseOrderMachine {

    private PurchaseOrderMachine() {
    }

    public static void requireReceivable(String number, Purchase status) {
        if (status != Purchase.SUBMITTED && status != Purchase.PARTIALLY_RECEIVED) {
            throw new IllegalTransition(number, status.name(), "receive goods for it");
        }
    }

    /** A draft submitted: PENDING_APPROVAL when a threshold is set and the total is above it, else SUBMITTED. */
    public static Purchase submit(String number, Purchase status, BigDecimal total, BigDecimal threshold) {
        if (status != Purchase.DRAFT) {
            throw new IllegalTransition(number, status.name(), "submit it (only a DRAFT is submitted)");
        }
        return needsApproval(total, threshold) ? Purchase.PENDING_APPROVAL : Purchase.SUBMITTED;
    }

    /** Whether an order of {@code total} waits for approval: only above a threshold that is set (null: none). */
    public static boolean needsApproval(BigDecimal total, BigDecimal threshold) {
        return threshold != null && total.compareTo(threshold) > 0;
    }

    public static Purchase approve(String number, Purchase status) {
        if (status != Purchase.PENDING_APPROVAL) {
            throw new IllegalTransition(number, status.name(), "approve it (only a PENDING_APPROVAL order is approved)");
        }
        return Purchase.SUBMITTED;
    }

    public static Purchase reject(String number, Purchase status) {
        if (status != Purchase.PENDING_APPROVAL) {
            throw new IllegalTransition(number, status.name(), "reject it (only a PENDING_APPROVAL order is rejected)");
        }
        return Purchase.REJECTED;
    }

    public static Purchase cancel(String number, Purchase status, boolean anythingReceivedOrInFlight) {
        if (status == Purchase.DRAFT) {
            return Purchase.CANCELLED;
        }
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
