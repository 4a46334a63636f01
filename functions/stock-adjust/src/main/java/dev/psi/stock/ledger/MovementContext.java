package dev.psi.stock.ledger;

import dev.psi.kernel.tenant.TenantId;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/** What every movement of one document records besides its numbers: the why and the where-from. */
public record MovementContext(TenantId tenant, @Nullable String reason, @Nullable String referenceType,
                              @Nullable String referenceNumber, @Nullable String eventId, @Nullable String actor,
                              Instant at) {

    /** The reference types of order-driven movements (and of reservations). */
    public static final String SALES_ORDER = "SALES_ORDER";
    public static final String PURCHASE_ORDER = "PURCHASE_ORDER";

    /** The movements an order's event causes: referenced by the order number and the event id. */
    public static MovementContext ofOrder(TenantId tenant, String orderType, String orderNumber,
                                          @Nullable String eventId, Instant at) {
        return new MovementContext(tenant, null, orderType, orderNumber, eventId, null, at);
    }

    /** The movements of a stock document raised by hand (an adjustment, a transfer, a stocktake). */
    public static MovementContext ofDocument(TenantId tenant, @Nullable String reason, String documentType,
                                             String number, Instant at) {
        return new MovementContext(tenant, reason, documentType, number, null, null, at);
    }
}
