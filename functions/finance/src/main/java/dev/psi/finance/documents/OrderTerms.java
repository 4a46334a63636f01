package dev.psi.finance.documents;

import dev.psi.contract.finance.Side;
import dev.psi.finance.domain.Money;
import dev.psi.kernel.db.Tx;
import dev.psi.kernel.pricing.OrderPricing;
import dev.psi.kernel.tenant.TenantId;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The agreed terms of an order as order-create stored them: the partner and, per SKU, the line's quantity and gross
 * amount (after discounts and with tax: what is owed; order-create's {@code OrderPricing} computed it). The stock
 * events say what moved (and at what cost, which is not what the customer pays); the price and the partner are
 * the order's, read here from the one PSI database as inventory-query reads the stock tables. An order line's
 * price never changes after the order is created, and the order exists before any of its stock events, so
 * reading it while the event is applied is safe.
 */
@Singleton
public final class OrderTerms {

    /** The partner's code and the priced line per SKU (SKUs compared as the database compares them). */
    public record Terms(String partnerCode, Map<String, Line> lines) {

        public Optional<Line> line(String sku) {
            return Optional.ofNullable(lines.get(sku));
        }
    }

    /**
     * An order line as agreed: its quantity and gross amount. A line written without pricing (older rows, seeds)
     * has no gross amount: it is quantity x unit price, as the order reads show it.
     */
    public record Line(BigDecimal quantity, BigDecimal grossAmount) {

        /** What {@code moved} of this line is owed: the whole gross for the whole line, else its share in cents. */
        public BigDecimal amountFor(BigDecimal moved) {
            return OrderPricing.share(grossAmount, moved, quantity);
        }

        /** The gross price of one unit, as a document line shows it. */
        public BigDecimal unitPrice() {
            return Money.unitPrice(grossAmount, quantity);
        }
    }

    public Optional<Terms> of(Tx tx, TenantId tenant, Side side, String orderNumber) throws SQLException {
        String sql = side == Side.RECEIVABLE
                ? "SELECT c.code AS partner_code, p.sku, l.quantity, COALESCE(l.gross_amount, ROUND(l.quantity * l.unit_price, 2)) AS gross_amount FROM sales_orders o"
                        + " JOIN customers c ON c.id = o.customer_id"
                        + " JOIN sales_order_lines l ON l.order_id = o.id"
                        + " JOIN products p ON p.id = l.product_id"
                        + " WHERE o.tenant_id = ? AND o.number = ?"
                : "SELECT s.code AS partner_code, p.sku, l.quantity, COALESCE(l.gross_amount, ROUND(l.quantity * l.unit_price, 2)) AS gross_amount FROM purchase_orders o"
                        + " JOIN suppliers s ON s.id = o.supplier_id"
                        + " JOIN purchase_order_lines l ON l.order_id = o.id"
                        + " JOIN products p ON p.id = l.product_id"
                        + " WHERE o.tenant_id = ? AND o.number = ?";
        var lines = new TreeMap<String, Line>(String.CASE_INSENSITIVE_ORDER);
        String[] partner = new String[1];
        tx.list(sql, row -> {
            partner[0] = row.string("partner_code");
            lines.put(row.string("sku"), new Line(row.decimal("quantity"), row.decimal("gross_amount")));
            return null;
        }, tenant.value(), orderNumber);
        return partner[0] == null ? Optional.empty() : Optional.of(new Terms(partner[0], lines));
    }
}
