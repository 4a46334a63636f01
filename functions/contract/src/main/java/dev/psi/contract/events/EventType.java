package dev.psi.contract.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every CloudEvent type of PSI: {@code psi.<aggregate>.<fact>.v<N>}, its topic and its body.
 * docs/asyncapi.yaml describes the same list for people; a test keeps the two in agreement.
 */
public enum EventType {
    PURCHASE_ORDER_SUBMITTED("psi.purchase-order.submitted.v1", Topics.PURCHASE_ORDERS, PurchaseOrderEvents.Submitted.class),
    PURCHASE_ORDER_GOODS_RECEIVED("psi.purchase-order.goods-received.v1", Topics.PURCHASE_ORDERS, PurchaseOrderEvents.GoodsReceived.class),
    PURCHASE_ORDER_GOODS_RETURNED("psi.purchase-order.goods-returned.v1", Topics.PURCHASE_ORDERS, PurchaseOrderEvents.GoodsReturned.class),
    PURCHASE_ORDER_CANCELLED("psi.purchase-order.cancelled.v1", Topics.PURCHASE_ORDERS, PurchaseOrderEvents.Cancelled.class),

    SALES_ORDER_PLACED("psi.sales-order.placed.v1", Topics.SALES_ORDERS, SalesOrderEvents.Placed.class),
    SALES_ORDER_SHIPMENT_REQUESTED("psi.sales-order.shipment-requested.v1", Topics.SALES_ORDERS, SalesOrderEvents.ShipmentRequested.class),
    SALES_ORDER_CANCELLED("psi.sales-order.cancelled.v1", Topics.SALES_ORDERS, SalesOrderEvents.Cancelled.class),
    SALES_ORDER_RETURN_RECEIVED("psi.sales-order.return-received.v1", Topics.SALES_ORDERS, SalesOrderEvents.ReturnReceived.class),

    STOCK_RESERVED("psi.stock.reserved.v1", Topics.STOCK, StockEvents.Reserved.class),
    STOCK_RESERVATION_REJECTED("psi.stock.reservation-rejected.v1", Topics.STOCK, StockEvents.ReservationRejected.class),
    STOCK_RELEASED("psi.stock.released.v1", Topics.STOCK, StockEvents.Released.class),
    STOCK_ISSUED("psi.stock.issued.v1", Topics.STOCK, StockEvents.Issued.class),
    STOCK_ISSUE_REJECTED("psi.stock.issue-rejected.v1", Topics.STOCK, StockEvents.IssueRejected.class),
    STOCK_RECEIVED("psi.stock.received.v1", Topics.STOCK, StockEvents.Received.class),
    STOCK_RETURNED_IN("psi.stock.returned-in.v1", Topics.STOCK, StockEvents.ReturnedIn.class),
    STOCK_RETURNED_OUT("psi.stock.returned-out.v1", Topics.STOCK, StockEvents.ReturnedOut.class),
    STOCK_RETURN_OUT_REJECTED("psi.stock.return-out-rejected.v1", Topics.STOCK, StockEvents.ReturnOutRejected.class),
    STOCK_ADJUSTED("psi.stock.adjusted.v1", Topics.STOCK, StockEvents.Adjusted.class),
    STOCK_LOW("psi.stock.low.v1", Topics.STOCK, StockEvents.Low.class);

    private final String type;
    private final String topic;
    private final Class<? extends PsiEvent> body;

    EventType(String type, String topic, Class<? extends PsiEvent> body) {
        this.type = type;
        this.topic = topic;
        this.body = body;
    }

    /** The CloudEvent {@code type} attribute. */
    public String type() {
        return type;
    }

    public String topic() {
        return topic;
    }

    public Class<? extends PsiEvent> bodyClass() {
        return body;
    }

    /** The type whose body is {@code bodyClass} (each body record belongs to exactly one type). */
    public static EventType ofBody(Class<? extends PsiEvent> bodyClass) {
        return Arrays.stream(values()).filter(t -> t.body.equals(bodyClass)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(bodyClass.getName() + " is not the body of a PSI event type"));
    }

    public static Optional<EventType> ofType(String type) {
        return Arrays.stream(values()).filter(t -> t.type.equals(type)).findFirst();
    }
}
