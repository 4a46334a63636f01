package dev.psi.order.workflow.domain;

/** Purchase or sales: the same mechanics over different tables and words. */
public enum Kind {
    PURCHASE("purchase", "purchase_orders", "purchase_order_lines", "received_quantity", "suppliers", "supplier_id"),
    SALES("sales", "sales_orders", "sales_order_lines", "shipped_quantity", "customers", "customer_id");

    public final String label;
    public final String table;
    public final String lineTable;
    public final String doneColumn;
    public final String partnerTable;
    public final String partnerColumn;

    Kind(String label, String table, String lineTable, String doneColumn, String partnerTable, String partnerColumn) {
        this.label = label;
        this.table = table;
        this.lineTable = lineTable;
        this.doneColumn = doneColumn;
        this.partnerTable = partnerTable;
        this.partnerColumn = partnerColumn;
    }

    public String what() {
        return this == PURCHASE ? "Purchase order" : "Sales order";
    }
}
