package dev.psi.kernel.events;

import dev.psi.contract.events.Lines;
import dev.psi.contract.events.SalesOrderEvents;
import dev.psi.contract.events.StockEvents;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Event mothers for the kernel's tests. */
final class TestEvents {

    static final String TENANT = "kernel-test";

    private TestEvents() {
    }

    static String anOrderNumber() {
        return "SO-" + UUID.randomUUID().toString().substring(0, 12);
    }

    static String anEventId() {
        return UUID.randomUUID().toString();
    }

    /** Microseconds, as DATETIME(6) keeps them, so that what comes back equals what went in. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    static SalesOrderEvents.Placed aPlacedOrder(String orderNumber) {
        return aPlacedOrder(anEventId(), orderNumber, "C-1");
    }

    /** customerCode REJECT makes the test handler fail permanently, BOOM unexpectedly. */
    static SalesOrderEvents.Placed aPlacedOrder(String eventId, String orderNumber, String customerCode) {
        return new SalesOrderEvents.Placed(eventId, TENANT, orderNumber, now(), orderNumber, customerCode, "W-1",
                List.of(new Lines.Taxed("SKU-1", new BigDecimal("2"), new BigDecimal("9.50"), new BigDecimal("8.407080"),
                                new BigDecimal("13"), new BigDecimal("16.81"), new BigDecimal("2.19")),
                        new Lines.Taxed("SKU-2", new BigDecimal("1.5"), null, null, null, null, null)));
    }

    static StockEvents.Low aLowStock(String sku) {
        return new StockEvents.Low(anEventId(), TENANT, sku, now(), sku, "W-1", new BigDecimal("3"),
                new BigDecimal("5"), new BigDecimal("20"), null);
    }
}
