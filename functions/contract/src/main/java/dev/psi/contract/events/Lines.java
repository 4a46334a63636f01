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

    /** What a SKU lacked: requested and available at the time of the attempt. */
    @Serdeable
    public record Short(String sku, BigDecimal requested, BigDecimal available) {
    }
}
