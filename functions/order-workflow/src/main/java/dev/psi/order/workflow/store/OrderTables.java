package dev.psi.order.workflow.store;

import dev.psi.order.workflow.domain.Kind;

/** Where each kind of order lives: the one place that knows the table and column names. */
record OrderTables(String orders, String lines, String doneColumn, String partners, String partnerColumn) {

    private static final OrderTables PURCHASE = new OrderTables("purchase_orders", "purchase_order_lines",
            "received_quantity", "suppliers", "supplier_id");
    private static final OrderTables SALES = new OrderTables("sales_orders", "sales_order_lines",
            "shipped_quantity", "customers", "customer_id");

    static OrderTables of(Kind kind) {
        return kind == Kind.SALES ? SALES : PURCHASE;
    }
}
