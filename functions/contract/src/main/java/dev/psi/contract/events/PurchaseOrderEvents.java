package dev.psi.contract.events;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Facts about purchase orders; aggregateId and key are the order number. */
public final class PurchaseOrderEvents {

    private PurchaseOrderEvents() {
    }

    @Serdeable
    public record Submitted(String eventId, String tenantId, String aggregateId, Instant occurredAt,
                            String orderNumber, String supplierCode, String warehouseCode,
                            @Nullable LocalDate expectedDate, List<Lines.Taxed> lines) implements PsiEvent {
        @Override
        public EventType eventType() {
            return EventType.PURCHASE_ORDER_SUBMITTED;
        }
    }

    /** A goods receipt: stock-adjust raises on-hand at the lines' {@code netUnitPrice} (input tax is not a cost), else at {@code unitPrice}. */
    @Serdeable
    public record GoodsReceived(String eventId, String tenantId, String aggregateId, Instant occurredAt,
                                String orderNumber, String receiptNumber, String warehouseCode,
                                List<Lines.Taxed> lines) implements PsiEvent {
        @Override
        public EventType eventType() {
            return EventType.PURCHASE_ORDER_GOODS_RECEIVED;
        }
    }

    /** Goods sent back to the supplier: stock-adjust takes them out. */
    @Serdeable
    public record GoodsReturned(String eventId, String tenantId, String aggregateId, Instant occurredAt,
                                String orderNumber, String returnNumber, String warehouseCode,
                                List<Lines.Quantity> lines) implements PsiEvent {
        @Override
        public EventType eventType() {
            return EventType.PURCHASE_ORDER_GOODS_RETURNED;
        }
    }

    @Serdeable
    public record Cancelled(String eventId, String tenantId, String aggregateId, Instant occurredAt,
                            String orderNumber, @Nullable String reason) implements PsiEvent {
        @Override
        public EventType eventType() {
            return EventType.PURCHASE_ORDER_CANCELLED;
        }
    }
}
