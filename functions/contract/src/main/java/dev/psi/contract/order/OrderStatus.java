package dev.psi.contract.order;

/** The states of purchase and sales orders. */
public final class OrderStatus {

    private OrderStatus() {
    }

    /**
     * DRAFT (made by replenish) -> submit -> SUBMITTED, or PENDING_APPROVAL when the total is above the
     * approval threshold -> approve -> SUBMITTED, or reject -> REJECTED.
     */
    public enum Purchase { DRAFT, PENDING_APPROVAL, SUBMITTED, PARTIALLY_RECEIVED, RECEIVED, CANCELLED, REJECTED }

    public enum Sales { PLACED, CONFIRMED, REJECTED, PARTIALLY_SHIPPED, SHIPPED, CANCELLING, CANCELLED }
}
