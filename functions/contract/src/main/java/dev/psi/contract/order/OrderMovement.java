package dev.psi.contract.order;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A shipment of a sales order or a goods receipt of a purchase order that stock-adjust confirmed: its number
 * (which names its printable documents), when the stock moved and what each order line moved. A shipment's
 * {@code invoiceNumber} is finance's invoice for it, null while none is booked (and always for a receipt).
 */
@Serdeable
public record OrderMovement(String number, String kind, String warehouseCode, Instant movedAt,
                            @Nullable String invoiceNumber, List<Line> lines) {

    /** What one order line moved. */
    @Serdeable
    public record Line(int lineNo, String sku, BigDecimal quantity) {
    }
}
