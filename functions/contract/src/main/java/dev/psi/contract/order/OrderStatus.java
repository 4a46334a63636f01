package dev.psi.contract.order;

/** The states of purchase and sales orders. */
public final class OrderStatus {

    private OrderStatus() {
    }

    public enum Purchase { SUBMITTED, PARTIALLY_RECEIVED, RECEIVED, CANCELLED }

    public enum Sales { PLACED, CONFIRMED, REJECTED, PARTIALLY_SHIPPED, SHIPPED, CANCELLING, CANCELLED }
}
