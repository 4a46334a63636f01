package dev.psi.order.workflow.store;

import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What a printable document is made of, as the database holds it: the tenant, the order, the shipment or
 * receipt and what it moved of each order line, with the line's agreed figures (OrderPricing's, stored by
 * order-create), and the invoice finance booked for a shipment when it has.
 */
public record DocumentFacts(String tenantName, String orderNumber, Instant orderDate, Party partner, Party warehouse,
                     String movementNumber, Instant movedAt, boolean pricesIncludeTax, @Nullable String invoiceNumber,
                     @Nullable java.time.LocalDate invoiceDate, List<Line> lines) {

    public record Party(String code, String name, @Nullable String address) {
    }

    /**
     * An order line and what the shipment/receipt moved of it. {@code discount} is the line's own discount plus
     * its share of the document discount, in money.
     */
    public record Line(int lineNo, String sku, String name, String unit, BigDecimal ordered, BigDecimal moved,
                BigDecimal unitPrice, BigDecimal discount, BigDecimal taxRate, BigDecimal net, BigDecimal tax,
                BigDecimal gross) {
    }
}
