package dev.psi.order.workflow.domain;

import java.math.BigDecimal;

/**
 * A line's quantities: ordered, done (received or shipped), returned, and what is in flight to
 * stock-adjust (pending, pendingReturn).
 */
public record OrderLineState(long id, int lineNo, String sku, BigDecimal quantity, BigDecimal unitPrice,
                             BigDecimal done, BigDecimal returned, BigDecimal pending, BigDecimal pendingReturn,
                             BigDecimal unitCost) {

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
