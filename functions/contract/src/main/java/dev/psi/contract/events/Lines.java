package dev.psi.contract.events;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;

/** The line shapes event bodies share. */
public final class Lines {

    private Lines() {
    }

    /** A SKU and a quantity. */
    @Serdeable
    public record Quantity(String sku, BigDecimal quantity) {
    }

    /** A SKU, a quantity and a price or cost per unit (null where the receiver decides it). */
    @Serdeable
    public record Priced(String sku, BigDecimal quantity, @Nullable BigDecimal unitPrice) {
    }

    /**
     * An order line in purchase and sales order events: {@code unitPrice} as the line was entered
     * (tax-inclusive when the tenant's prices include tax); the other fields, added with taxes and
     * discounts, are optional (absent in events written before): the net unit price (net amount /
     * quantity, excluding tax, after line and document discounts), the tax rate in percent, and the
     * line's net and tax amounts (absent on goods receipts, which carry a part of the line).
     */
    @Serdeable
    public record Taxed(String sku, BigDecimal quantity, @Nullable BigDecimal unitPrice,
                        @Nullable BigDecimal netUnitPrice, @Nullable BigDecimal taxRate,
                        @Nullable BigDecimal netAmount, @Nullable BigDecimal taxAmount) {
    }

    /** What a SKU lacked: requested and available at the time of the attempt. */
    @Serdeable
    public record Short(String sku, BigDecimal requested, BigDecimal available) {
    }
}
