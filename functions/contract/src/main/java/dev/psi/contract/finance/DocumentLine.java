package dev.psi.contract.finance;

import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;

/** A line of a finance document: the quantity the stock event moved at the order line's price, rounded to cents. */
@Serdeable
public record DocumentLine(int lineNo, String sku, BigDecimal quantity, BigDecimal unitPrice, BigDecimal amount) {
}
