package dev.psi.contract.events;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Facts from stock-adjust. Answers to an order's command carry the order number as aggregateId
 * (so they stay in order with the order's events); {@code low} and {@code adjusted} carry the SKU
 * or the stock document number.
 */
public final class StockEvents {

    private StockEvents() {
    }

    @Serdeable
    public record Reserved(String eventId, String tenantId, String aggregateId, Instant occurredAt,
                           String orderNumber, String warehouseCode, List<Lines.Quantity> lines) implements PsiEvent {
        @Override
        public EventType eventType() {
            return EventType.STOCK_RESERVED;
        }
    }

    @Serdeable
    public record ReservationRejected(String eventId, String tenantId, String aggregateId, Instant occurredAt,
                                      String orderNumber, String warehouseCode, String reason,
                                      List<Lines.Short> shortLines) implements PsiEvent {
        @Override
        public EventType eventType() {
            return EventType.STOCK_RESERVATION_REJECTED;
        }
    }

    @Serdeable
    public record Released(String eventId, String tenantId, String aggregateId, Instant occurredAt,
                           String orderNumber, String warehouseCode, List<Lines.Quantity> lines) implements PsiEvent {
        @Override
        public EventType eventType() {
            return EventType.STOCK_RELEASED;
        }
    }

    /** Shipped: on-hand and reserved went down; unitPrice is the cost of goods (moving average). */
    @Serdeable
    public record Issued(String eventId, String tenantId, String aggregateId, Instant occurredAt,
                         String orderNumber, String shipmentNumber, String warehouseCode,
                         List<Lines.Priced> lines) implements PsiEvent {
        @Override
        public EventType eventType() {
            return EventType.STOCK_ISSUED;
        }
    }

    @Serdeable
    public record IssueRejected(String eventId, String tenantId, String aggregateId, Instant occurredAt,
                                String orderNumber, String shipmentNumber, String warehouseCode, String reason,
                                List<Lines.Short> shortLines) implements PsiEvent {
        @Override
        public EventType eventType() {
            return EventType.STOCK_ISSUE_REJECTED;
        }
    }

    @Serdeable
    public record Received(String eventId, String tenantId, String aggregateId, Instant occurredAt,
                           String orderNumber, String receiptNumber, String warehouseCode,
                           List<Lines.Priced> lines) implements PsiEvent {
        @Override
        public EventType eventType() {
            return EventType.STOCK_RECEIVED;
        }
    }

    /** A customer return taken back into stock. */
    @Serdeable
    public record ReturnedIn(String eventId, String tenantId, String aggregateId, Instant occurredAt,
                             String orderNumber, String returnNumber, String warehouseCode,
                             List<Lines.Priced> lines) implements PsiEvent {
        @Override
        public EventType eventType() {
            return EventType.STOCK_RETURNED_IN;
        }
    }

    /** Goods sent back to a supplier, taken out of stock. */
    @Serdeable
    public record ReturnedOut(String eventId, String tenantId, String aggregateId, Instant occurredAt,
                              String orderNumber, String returnNumber, String warehouseCode,
                              List<Lines.Priced> lines) implements PsiEvent {
        @Override
        public EventType eventType() {
            return EventType.STOCK_RETURNED_OUT;
        }
    }

    @Serdeable
    public record ReturnOutRejected(String eventId, String tenantId, String aggregateId, Instant occurredAt,
                                    String orderNumber, String returnNumber, String warehouseCode, String reason,
                                    List<Lines.Short> shortLines) implements PsiEvent {
        @Override
        public EventType eventType() {
            return EventType.STOCK_RETURN_OUT_REJECTED;
        }
    }

    /** A manual adjustment, transfer or stocktake changed stock. */
    @Serdeable
    public record Adjusted(String eventId, String tenantId, String aggregateId, Instant occurredAt,
                           String documentNumber, String documentType, List<Movement> movements) implements PsiEvent {
        @Override
        public EventType eventType() {
            return EventType.STOCK_ADJUSTED;
        }
    }

    @Serdeable
    public record Movement(String sku, String warehouseCode, String movementType, BigDecimal onHandDelta,
                           BigDecimal onHandAfter) {
    }

    /** Available stock fell below the reorder point (once per crossing); aggregateId is the SKU. */
    @Serdeable
    public record Low(String eventId, String tenantId, String aggregateId, Instant occurredAt,
                      String sku, String warehouseCode, BigDecimal available, BigDecimal reorderPoint,
                      BigDecimal reorderQuantity, @Nullable String preferredSupplierCode) implements PsiEvent {
        @Override
        public EventType eventType() {
            return EventType.STOCK_LOW;
        }
    }
}
