package dev.psi.order.workflow.domain;

import dev.psi.contract.order.OrderStatus;

/** Purchase or sales: the same mechanics under different words and states. */
public enum Kind {
    PURCHASE("purchase", "Purchase order"),
    SALES("sales", "Sales order");

    /** The kind as metrics, scopes and logs name it. */
    public final String label;
    private final String what;

    Kind(String label, String what) {
        this.label = label;
        this.what = what;
    }

    public String what() {
        return what;
    }

    /** This kind's states, in their life's order. */
    public Enum<?>[] statuses() {
        return this == PURCHASE ? OrderStatus.Purchase.values() : OrderStatus.Sales.values();
    }

    /** The status called {@code name}, as this kind's state; IllegalArgumentException for any other name. */
    public Enum<?> status(String name) {
        return this == PURCHASE ? OrderStatus.Purchase.valueOf(name) : OrderStatus.Sales.valueOf(name);
    }
}
