package dev.psi.order.workflow;

import static dev.psi.testing.Fixtures.aProduct;
import static dev.psi.testing.StockInvariants.decimal;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.psi.contract.events.Lines;
import dev.psi.contract.events.PsiEvent;
import dev.psi.testing.Api;
import dev.psi.testing.Fixtures;
import dev.psi.testing.TenantTest;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;

/**
 * A tenant with a warehouse, a customer, a supplier and products A and B; commands go over HTTP,
 * stock-adjust's answers are posted to /events exactly as a KafkaSource delivers them.
 */
abstract class WorkflowTestBase extends TenantTest {

    @BeforeEach
    void catalog() {
        Fixtures.warehouse(tenant, "WH1");
        Fixtures.customer(tenant, "CUS1");
        Fixtures.supplier(tenant, "SUP1");
        aProduct(tenant, "A").create();
        aProduct(tenant, "B").create();
    }

    Api.Response deliver(PsiEvent event) {
        return api.deliverEvent(event.eventId(), event.eventType().type(), "/psi/stock-adjust", event.occurredAt(), event);
    }

    /** The order at {@code numberOrPath} (a sales order number, or a path), which must exist. */
    Api.Response order(String numberOrPath) {
        var response = api.get(numberOrPath.startsWith("/") ? numberOrPath : "/api/sales-orders/" + numberOrPath);
        assertEquals(200, response.status(), response.body());
        return response;
    }

    long outbox(String number, String type) {
        return decimal("SELECT COUNT(*) FROM outbox WHERE tenant_id = ? AND aggregate_id = ? AND event_type = ?",
                tenant, number, type).longValue();
    }

    static String id() {
        return UUID.randomUUID().toString();
    }

    static Lines.Quantity qty(String sku, String quantity) {
        return new Lines.Quantity(sku, new BigDecimal(quantity));
    }
}
