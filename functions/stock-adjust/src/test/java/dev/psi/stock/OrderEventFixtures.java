package dev.psi.stock;

import dev.psi.contract.events.Lines;
import dev.psi.contract.events.PurchaseOrderEvents;
import dev.psi.contract.events.SalesOrderEvents;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** The order events stock-adjust consumes, as order-create and order-workflow write them (warehouse WH1). */
final class OrderEventFixtures {

    private final String tenant;

    OrderEventFixtures(String tenant) {
        this.tenant = tenant;
    }

    SalesOrderEvents.Placed placed(String order, Lines.Quantity... lines) {
        return new SalesOrderEvents.Placed(id(), tenant, order, Instant.now(), order, "CUS1", "WH1",
                Arrays.stream(lines).map(l -> new Lines.Taxed(l.sku(), l.quantity(), BigDecimal.ONE, null, null, null, null))
                        .toList());
    }

    /** A placed order whose lines carry their prices (net of tax and discounts where given). */
    SalesOrderEvents.Placed placedPriced(String order, Lines.Taxed... lines) {
        return new SalesOrderEvents.Placed(id(), tenant, order, Instant.now(), order, "CUS1", "WH1", List.of(lines));
    }

    SalesOrderEvents.ShipmentRequested shipment(String order, String shipment, Lines.Quantity... lines) {
        return new SalesOrderEvents.ShipmentRequested(id(), tenant, order, Instant.now(), order, shipment, "WH1",
                List.of(lines));
    }

    SalesOrderEvents.Cancelled cancelled(String order) {
        return new SalesOrderEvents.Cancelled(id(), tenant, order, Instant.now(), order, "WH1", null);
    }

    SalesOrderEvents.ReturnReceived customerReturn(String order, String returnNumber, Lines.Priced... lines) {
        return new SalesOrderEvents.ReturnReceived(id(), tenant, order, Instant.now(), order, returnNumber, "WH1",
                List.of(lines));
    }

    /** A receipt as an event written before taxes: a unit price and nothing else. */
    PurchaseOrderEvents.GoodsReceived receipt(String order, String receipt, Lines.Priced... lines) {
        return taxedReceipt(order, receipt, Arrays.stream(lines)
                .map(l -> new Lines.Taxed(l.sku(), l.quantity(), l.unitPrice(), null, null, null, null))
                .toArray(Lines.Taxed[]::new));
    }

    PurchaseOrderEvents.GoodsReceived taxedReceipt(String order, String receipt, Lines.Taxed... lines) {
        return new PurchaseOrderEvents.GoodsReceived(id(), tenant, order, Instant.now(), order, receipt, "WH1",
                List.of(lines));
    }

    PurchaseOrderEvents.GoodsReturned supplierReturn(String order, String returnNumber, Lines.Quantity... lines) {
        return new PurchaseOrderEvents.GoodsReturned(id(), tenant, order, Instant.now(), order, returnNumber, "WH1",
                List.of(lines));
    }

    static Lines.Quantity qty(String sku, String quantity) {
        return new Lines.Quantity(sku, new BigDecimal(quantity));
    }

    static Lines.Priced priced(String sku, String quantity, String price) {
        return new Lines.Priced(sku, new BigDecimal(quantity), new BigDecimal(price));
    }

    /** A receipt line at {@code price} as entered, {@code netPrice} net of tax and discounts, at {@code rate} %. */
    static Lines.Taxed taxed(String sku, String quantity, String price, String netPrice, String rate) {
        return new Lines.Taxed(sku, new BigDecimal(quantity), new BigDecimal(price), new BigDecimal(netPrice),
                new BigDecimal(rate), null, null);
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
