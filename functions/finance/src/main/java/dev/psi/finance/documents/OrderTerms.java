package dev.psi.finance.documents;

import dev.psi.contract.finance.Side;
import dev.psi.kernel.db.Tx;
import dev.psi.kernel.tenant.TenantId;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The agreed terms of an order as order-create stored them: the partner and each SKU's unit price. The stock
 * events say what moved (and at what cost, which is not what the customer pays); the price and the partner are
 * the order's, read here from the one PSI database as inventory-query reads the stock tables. An order line's
 * price never changes after the order is created, and the order exists before any of its stock events, so
 * reading it while the event is applied is safe.
 */
@Singleton
public final class OrderTerms {

    /** The partner's code and the unit price per SKU (SKUs compared as the database compares them). */
    public record Terms(String partnerCode, Map<String, BigDecimal> prices) {

        public Optional<BigDecimal> price(String sku) {
            return Optional.ofNullable(prices.get(sku));
        }
    }

    public Optional<Terms> of(Tx tx, TenantId tenant, Side side, String orderNumber) throws SQLException {
        String sql = side == Side.RECEIVABLE
                ? "SELECT c.code AS partner_code, p.sku, l.unit_price FROM sales_orders o"
                        + " JOIN customers c ON c.id = o.customer_id"
                        + " JOIN sales_order_lines l ON l.order_id = o.id"
                        + " JOIN products p ON p.id = l.product_id"
                        + " WHERE o.tenant_id = ? AND o.number = ?"
                : "SELECT s.code AS partner_code, p.sku, l.unit_price FROM purchase_orders o"
                        + " JOIN suppliers s ON s.id = o.supplier_id"
                        + " JOIN purchase_order_lines l ON l.order_id = o.id"
                        + " JOIN products p ON p.id = l.product_id"
                        + " WHERE o.tenant_id = ? AND o.number = ?";
        var prices = new TreeMap<String, BigDecimal>(String.CASE_INSENSITIVE_ORDER);
        String[] partner = new String[1];
        tx.list(sql, row -> {
            partner[0] = row.string("partner_code");
            prices.put(row.string("sku"), row.decimal("unit_price"));
            return null;
        }, tenant.value(), orderNumber);
        return partner[0] == null ? Optional.empty() : Optional.of(new Terms(partner[0], prices));
    }
}
