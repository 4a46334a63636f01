package dev.psi.contract.events;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/** Facts about sales orders; aggregateId and key are the order number. */
public final class SalesOrderEvents {

    private SalesOrderEvents() {
    }

    /** A new order: stock-adjust reserves every line or none. */
    @Serdeable
    public record Placed(String eventId, String tenantId, String aggregateId, Instant occurredAt,
                         String orderNumber, String customerCode, String warehouseCode,
                         List<Lines.Taxed> lines) implements PsiEvent {
        @Override
        public EventType eventType() {
            return EventType.SALES_ORDER_PLACED;
        }
    }

    /** Ship these quantities: stock-adjust issues them from the order's reservation. */
    @Serdeable
    public record ShipmentRequested(String eventId, String tenantId, String aggregateId, Instant occurredAt,
                                    String orderNumber, String shipmentNumber, String warehouseCode,
                                    List<Lines.Quantity> lines) implements PsiEvent {
        @Override
        public EventType eventType() {
            return EventType.SALES_ORDER_SHIPMENT_REQUESTED;
        }
    }

    /** The order is cancelled: stock-adjust releases whatever it still holds reserved. */
    @Serdeable
    public record Cancelled(String eventId, String tenantId, String aggregateId, Instant occurredAt,
                            String orderNumber, String warehouseCode, @Nullable String reason) implements PsiEvent {
        @Override
        public EventType eventType() {
            return EventType.SALES_ORDER_CANCELLED;
        }
    }

    /** Goods came back from the customer: stock-adjust takes them in at {@code unitPrice} (the issue cost). */
    @Serdeable
    public record ReturnReceived(String eventId, String tenantId, String aggregateId, Instant occurredAt,
                                 String orderNumber, String returnNumber, String warehouseCode,
                                 List<Lines.Priced> lines) implements PsiEvent {
        @Override
        public EventType eventType() {
            return EventType.SALES_ORDER_RETURN_RECEIVED;
        }
    }
}
