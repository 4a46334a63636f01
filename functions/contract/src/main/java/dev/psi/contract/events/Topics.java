package dev.psi.contract.events;

/** The Kafka topics of the PSI event chain. */
public final class Topics {

    public static final String PURCHASE_ORDERS = "psi.purchase-orders";
    public static final String SALES_ORDERS = "psi.sales-orders";
    public static final String STOCK = "psi.stock";

    private Topics() {
    }
}
