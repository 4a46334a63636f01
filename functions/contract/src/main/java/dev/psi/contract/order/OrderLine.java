package dev.psi.contract.order;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;

/**
 * A line as stored: for purchase orders {@code receivedQuantity}, for sales orders
 * {@code shippedQuantity} and the cost of goods per unit once shipped; both track returns.
 * {@code amount} is the line's gross amount (= {@code grossAmount}); {@code discountAmount} the line's
 * own discount in money, {@code documentDiscount} its share of the order's; {@code netUnitPrice} =
 * netAmount / quantity at 6 decimals. See OrderPricing for the rounding rule.
 */
@Serdeable
public record OrderLine(int lineNo, String sku, String productName, BigDecimal quantity, BigDecimal unitPrice,
                        BigDecimal amount, @Nullable BigDecimal receivedQuantity, @Nullable BigDecimal shippedQuantity,
                        BigDecimal returnedQuantity, @Nullable BigDecimal unitCost,
                        BigDecimal taxRate, @Nullable BigDecimal discountPercent, BigDecimal discountAmount,
                        BigDecimal documentDiscount, BigDecimal netAmount, BigDecimal taxAmount, BigDecimal grossAmount,
                        BigDecimal netUnitPrice) {
}
