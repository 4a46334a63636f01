package dev.psi.contract.order;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;

/**
 * A line as stored: for purchase orders {@code receivedQuantity}, for sales orders
 * {@code shippedQuantity} and the cost of goods per unit once shipped; both track returns.
 */
@Serdeable
public record OrderLine(int lineNo, String sku, String productName, BigDecimal quantity, BigDecimal unitPrice,
                        BigDecimal amount, @Nullable BigDecimal receivedQuantity, @Nullable BigDecimal shippedQuantity,
                        BigDecimal returnedQuantity, @Nullable BigDecimal unitCost) {
}
