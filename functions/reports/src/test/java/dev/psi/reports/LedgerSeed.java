package dev.psi.reports;

import dev.psi.testing.Rows;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Orders and stock movements written as order-workflow and stock-adjust leave them, at chosen times
 * (which no HTTP call can set), for a function that only reads them. Movements are priced as
 * stock-adjust's ledger prices them: stock in recomputes the moving average (six decimals), stock
 * out leaves it, and a movement's value is the change of on-hand x average cost to the cent. Call
 * them in time order per SKU and warehouse.
 */
final class LedgerSeed {

    private final String tenant;

    LedgerSeed(String tenant) {
        this.tenant = tenant;
    }

    /** A sales order with its lines, sku to {quantity, unit price}. */
    void salesOrder(String number, String customer, String warehouse, Map<String, String[]> lines) {
        order("sales_orders", "sales_order_lines", "customer_id", "customers", number, customer, warehouse, lines);
    }

    void purchaseOrder(String number, String supplier, String warehouse, Map<String, String[]> lines) {
        order("purchase_orders", "purchase_order_lines", "supplier_id", "suppliers", number, supplier, warehouse, lines);
    }

    private void order(String table, String lineTable, String partnerColumn, String partnerTable, String number,
                       String partner, String warehouse, Map<String, String[]> lines) {
        Timestamp now = Timestamp.from(Instant.now());
        Rows.execute("INSERT INTO " + table + " (tenant_id, number, " + partnerColumn + ", warehouse_id, status,"
                        + " total_amount, created_at, updated_at) VALUES (?, ?, (SELECT id FROM " + partnerTable
                        + " WHERE tenant_id = ? AND code = ?), (SELECT id FROM warehouses WHERE tenant_id = ? AND code = ?),"
                        + " 'SUBMITTED', 0, ?, ?)",
                tenant, number, tenant, partner, tenant, warehouse, now, now);
        int lineNo = 0;
        for (var line : lines.entrySet()) {
            Rows.execute("INSERT INTO " + lineTable + " (tenant_id, order_id, line_no, product_id, quantity, unit_price)"
                            + " VALUES (?, (SELECT id FROM " + table + " WHERE tenant_id = ? AND number = ?), ?,"
                            + " (SELECT id FROM products WHERE tenant_id = ? AND sku = ?), ?, ?)",
                    tenant, tenant, number, ++lineNo, tenant, line.getKey(), new BigDecimal(line.getValue()[0]),
                    new BigDecimal(line.getValue()[1]));
        }
    }

    /**
     * Prices the line of {@code sku} on order {@code number} as order-create stores a taxed, discounted
     * line: {@code net} / {@code tax} / {@code gross} amounts and the net unit price.
     */
    void priceLine(String lineTable, String orderTable, String number, String sku, String taxRate, String net,
                   String tax, String gross, String netUnitPrice) {
        Rows.execute("UPDATE " + lineTable + " SET tax_rate = ?, net_amount = ?, tax_amount = ?, gross_amount = ?,"
                        + " net_unit_price = ? WHERE order_id = (SELECT id FROM " + orderTable
                        + " WHERE tenant_id = ? AND number = ?) AND product_id = (SELECT id FROM products"
                        + " WHERE tenant_id = ? AND sku = ?)", new BigDecimal(taxRate), new BigDecimal(net),
                new BigDecimal(tax), new BigDecimal(gross), new BigDecimal(netUnitPrice), tenant, number, tenant, sku);
    }

    /** Stock in at {@code unitCost}: on-hand up, the average recomputed. */
    void in(String type, String referenceType, String reference, String sku, String warehouse, String quantity,
            String unitCost, String at) {
        var before = balance(sku, warehouse);
        BigDecimal q = new BigDecimal(quantity);
        BigDecimal onHand = before.onHand().add(q);
        BigDecimal average = before.onHand().multiply(before.average()).add(q.multiply(new BigDecimal(unitCost)))
                .divide(onHand, 6, RoundingMode.HALF_UP);
        append(type, referenceType, reference, sku, warehouse, q, new BigDecimal(unitCost), before, onHand, average, at,
                null);
    }

    /** Stock out at the average cost. */
    void out(String type, String referenceType, String reference, String sku, String warehouse, String quantity,
             String at) {
        var before = balance(sku, warehouse);
        BigDecimal q = new BigDecimal(quantity).negate();
        append(type, referenceType, reference, sku, warehouse, q, before.average(), before, before.onHand().add(q),
                before.average(), at, null);
    }

    /** A sales order's shipment as stock-adjust writes it: at the average cost, with the revenue it books. */
    void issue(String reference, String sku, String warehouse, String quantity, String netAmount, String at) {
        var before = balance(sku, warehouse);
        BigDecimal q = new BigDecimal(quantity).negate();
        append("ISSUE", "SALES_ORDER", reference, sku, warehouse, q, before.average(), before, before.onHand().add(q),
                before.average(), at, new BigDecimal(netAmount));
    }

    private void append(String type, String referenceType, String reference, String sku, String warehouse,
                        BigDecimal delta, BigDecimal unitCost, Balance before, BigDecimal onHand, BigDecimal average,
                        String at, BigDecimal netAmount) {
        BigDecimal valueDelta = value(onHand, average).subtract(value(before.onHand(), before.average()));
        Rows.execute("INSERT INTO stock_movements (tenant_id, product_id, warehouse_id, movement_type, on_hand_delta,"
                        + " reserved_delta, unit_cost, value_delta, on_hand_after, reserved_after, average_cost_after,"
                        + " reference_type, reference_number, net_amount, created_at) VALUES (?, (SELECT id FROM products"
                        + " WHERE tenant_id = ? AND sku = ?), (SELECT id FROM warehouses WHERE tenant_id = ? AND code = ?),"
                        + " ?, ?, 0, ?, ?, ?, 0, ?, ?, ?, ?, ?)",
                tenant, tenant, sku, tenant, warehouse, type, delta, unitCost, valueDelta, onHand, average,
                referenceType, reference, netAmount, Timestamp.valueOf(LocalDateTime.ofInstant(Instant.parse(at), ZoneOffset.UTC)));
    }

    private record Balance(BigDecimal onHand, BigDecimal average) {
    }

    private Balance balance(String sku, String warehouse) {
        var row = Rows.one("SELECT on_hand_after, average_cost_after FROM stock_movements WHERE tenant_id = ?"
                + " AND product_id = (SELECT id FROM products WHERE tenant_id = ? AND sku = ?) AND warehouse_id ="
                + " (SELECT id FROM warehouses WHERE tenant_id = ? AND code = ?) ORDER BY id DESC LIMIT 1",
                tenant, tenant, sku, tenant, warehouse);
        return row.isEmpty() ? new Balance(BigDecimal.ZERO, BigDecimal.ZERO)
                : new Balance((BigDecimal) row.get("on_hand_after"), (BigDecimal) row.get("average_cost_after"));
    }

    private static BigDecimal value(BigDecimal onHand, BigDecimal average) {
        return onHand.multiply(average).setScale(2, RoundingMode.HALF_UP);
    }
}
