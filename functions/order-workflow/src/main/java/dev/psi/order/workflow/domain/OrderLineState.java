package dev.psi.order.workflow.domain;

import java.math.BigDecimal;

/**
 * A line's quantities: ordered, done (received or shipped), returned, and what is in flight to
 * stock-adjust (pending, pendingReturn). {@code unitCost}: for a sales line the cost of goods per unit
 * once shipped, for a purchase line its net unit price (what a receipt costs the stock: input tax is
 * not a cost). {@code taxRate}, {@code netAmount}, {@code taxAmount}: the line's figures as priced.
 */
public record OrderLineState(long id, int lineNo, String sku, BigDecimal quantity, BigDecimal unitPrice,
                             BigDecimal done, BigDecimal returned, BigDecimal pending, BigDecimal pendingReturn,
                             BigDecimal unitCost, BigDecimal taxRate, BigDecimal netAmount,
                             BigDecimal taxAmount) {

    /** What may still be received or shipped, with an over-delivery allowance in percent. */
    public BigDecimal open(BigDecimal tolerancePercent) {
        BigDecimal allowed = quantity.add(quantity.multiply(tolerancePercent).movePointLeft(2));
        return allowed.subtract(done).subtract(pending).max(BigDecimal.ZERO);
    }

    /** What may still be returned: done, less returned and returns in flight. */
    public BigDecimal returnable() {
        return done.subtract(returned).subtract(pendingReturn).max(BigDecimal.ZERO);
    }

    public boolean complete() {
        return done.compareTo(quantity) >= 0;
    }
}
