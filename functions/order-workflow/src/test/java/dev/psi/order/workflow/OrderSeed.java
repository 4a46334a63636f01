package dev.psi.order.workflow;

import dev.psi.testing.TestInfrastructure;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;

/** Orders as order-create leaves them, written straight into the test database. */
final class OrderSeed {

    private OrderSeed() {
    }

    /** A sales order PLACED with lines of (sku, quantity) at 10.00. */
    static void salesOrder(String tenant, String number, Object... skuQuantity) {
        order(tenant, "sales_orders", "sales_order_lines", "customer_id", "customers", "CUS1", number, "PLACED", skuQuantity);
    }

    /** A purchase order SUBMITTED with lines of (sku, quantity) at 10.00. */
    static void purchaseOrder(String tenant, String number, Object... skuQuantity) {
        order(tenant, "purchase_orders", "purchase_order_lines", "supplier_id", "suppliers", "SUP1", number, "SUBMITTED", skuQuantity);
    }

    /** A purchase order in {@code status} (DRAFT, say) with lines of (sku, quantity) at 10.00, its total set. */
    static void purchaseOrderIn(String status, String tenant, String number, Object... skuQuantity) {
        order(tenant, "purchase_orders", "purchase_order_lines", "supplier_id", "suppliers", "SUP1", number, status, skuQuantity);
        dev.psi.testing.Rows.execute("UPDATE purchase_orders o SET total_amount = (SELECT SUM(l.quantity * l.unit_price)"
                + " FROM purchase_order_lines l WHERE l.order_id = o.id) WHERE o.tenant_id = ? AND o.number = ?", tenant, number);
    }

    private static void order(String tenant, String table, String lineTable, String partnerColumn, String partnerTable,
                              String partner, String number, String status, Object... skuQuantity) {
        var now = Timestamp.valueOf(LocalDateTime.now());
        try (var c = TestInfrastructure.get().connection()) {
            try (var s = c.prepareStatement("INSERT INTO " + table + " (tenant_id, number, " + partnerColumn + ", warehouse_id,"
                    + " status, total_amount, created_at, updated_at) VALUES (?, ?, (SELECT id FROM " + partnerTable
                    + " WHERE tenant_id = ? AND code = ?), (SELECT id FROM warehouses WHERE tenant_id = ? AND code = 'WH1'),"
                    + " ?, 0, ?, ?)")) {
                bind(s, tenant, number, tenant, partner, tenant, status, now, now);
                s.executeUpdate();
            }
            for (int i = 0; i < skuQuantity.length; i += 2) {
                try (var s = c.prepareStatement("INSERT INTO " + lineTable + " (tenant_id, order_id, line_no, product_id,"
                        + " quantity, unit_price) VALUES (?, (SELECT id FROM " + table + " WHERE tenant_id = ? AND number = ?),"
                        + " ?, (SELECT id FROM products WHERE tenant_id = ? AND sku = ?), ?, 10.00)")) {
                    bind(s, tenant, tenant, number, i / 2 + 1, tenant, skuQuantity[i], new BigDecimal(String.valueOf(skuQuantity[i + 1])));
                    s.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void bind(java.sql.PreparedStatement s, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            s.setObject(i + 1, args[i]);
        }
    }
}
