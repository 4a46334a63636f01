package dev.psi.order.workflow;

import static dev.psi.testing.StockInvariants.decimal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.contract.events.StockEvents;
import dev.psi.testing.Api;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Requests that cannot be done are 400 problems that change nothing; only a missing body means "the rest". */
@MicronautTest
class OrderRequestsIT extends WorkflowTestBase {

    @Test
    void shouldAnswer400ForANullLineOnEveryDocument() {
        confirmedAndSubmitted();
        for (String path : List.of("/api/sales-orders/SO-1/shipments", "/api/sales-orders/SO-1/returns",
                "/api/purchase-orders/PO-1/receipts", "/api/purchase-orders/PO-1/returns")) {
            var response = api.post(path, "{\"lines\":[null]}");

            assertEquals(400, response.status(), path + ": " + response.body());
            assertEquals("application/problem+json", response.header("Content-Type"), path);
            assertEquals("lines[0]", response.text("errors.0.field"), path + ": " + response.body());
        }
        assertNothingInFlight();
    }

    @Test
    void shouldAnswer400ForAnEmptyLineListWhereAMissingBodyMeansTheRest() {
        confirmedAndSubmitted();
        for (String path : List.of("/api/sales-orders/SO-1/shipments", "/api/sales-orders/SO-1/returns",
                "/api/purchase-orders/PO-1/receipts", "/api/purchase-orders/PO-1/returns")) {
            var response = api.post(path, "{\"lines\":[]}");

            assertEquals(400, response.status(), path + ": " + response.body());
            assertEquals("lines", response.text("errors.0.field"), path + ": " + response.body());
        }
        assertNothingInFlight();

        var shipTheRest = api.send("POST", "/api/sales-orders/SO-1/shipments", null);
        var receiveTheRest = api.send("POST", "/api/purchase-orders/PO-1/receipts", null);
        assertEquals(202, shipTheRest.status(), shipTheRest.body());
        assertEquals(202, receiveTheRest.status(), receiveTheRest.body());
        assertEquals(1L, outbox("SO-1", "psi.sales-order.shipment-requested.v1"));
        assertEquals(1L, outbox("PO-1", "psi.purchase-order.goods-received.v1"));
    }

    @Test
    void shouldAnswer400NamingTheAllowedStatusesAndSortsOfOrderLists() {
        var sales = api.get("/api/sales-orders?status=BOGUS");
        var purchases = api.get("/api/purchase-orders?status=shipped");
        var sort = api.get("/api/sales-orders?sort=bogus");

        assertEquals(400, sales.status(), sales.body());
        assertEquals("status", sales.text("errors.0.field"));
        assertTrue(sales.text("errors.0.message").contains("PLACED, CONFIRMED"), sales.body());
        assertEquals(400, purchases.status(), "SHIPPED is a sales order state: " + purchases.body());
        assertTrue(purchases.text("errors.0.message").contains("PARTIALLY_RECEIVED"), purchases.body());
        assertEquals(400, sort.status(), sort.body());
        assertEquals("sort", sort.text("errors.0.field"));
        assertTrue(sort.text("errors.0.message").contains("createdAt"), sort.body());
        assertEquals(400, api.get("/api/purchase-orders?sort=-bogus").status());
    }

    @Test
    void shouldSortOrderListsByAnAllowedField() {
        OrderSeed.salesOrder(tenant, "SO-2", "A", 1);
        OrderSeed.salesOrder(tenant, "SO-1", "A", 1);
        OrderSeed.salesOrder(tenant, "SO-3", "A", 1);

        var byNumber = api.get("/api/sales-orders?sort=number");
        var newestFirst = api.get("/api/sales-orders");
        var confirmedLowercase = api.get("/api/sales-orders?status=placed&sort=-number");

        assertEquals(200, byNumber.status(), byNumber.body());
        assertEquals(List.of("SO-1", "SO-2", "SO-3"), numbers(byNumber));
        assertEquals(List.of("SO-3", "SO-1", "SO-2"), numbers(newestFirst));
        assertEquals(List.of("SO-3", "SO-2", "SO-1"), numbers(confirmedLowercase));
    }

    private static List<?> numbers(Api.Response list) {
        return list.list("items").stream().map(item -> ((Map<?, ?>) item).get("number")).toList();
    }

    /** SO-1 confirmed with A 3 (1 shipped), PO-1 submitted with A 5 (2 received). */
    private void confirmedAndSubmitted() {
        OrderSeed.salesOrder(tenant, "SO-1", "A", 3);
        deliver(new StockEvents.Reserved(id(), tenant, "SO-1", Instant.now(), "SO-1", "WH1", List.of(qty("A", "3"))));
        OrderSeed.purchaseOrder(tenant, "PO-1", "A", 5);
    }

    private void assertNothingInFlight() {
        assertEquals(0L, outbox("SO-1", "psi.sales-order.shipment-requested.v1"));
        assertEquals(0L, outbox("PO-1", "psi.purchase-order.goods-received.v1"));
        assertEquals(0L, decimal("SELECT COALESCE(SUM(pending_quantity + pending_return_quantity), 0)"
                + " FROM sales_order_lines WHERE tenant_id = ?", tenant).longValue());
        assertEquals(0L, decimal("SELECT COALESCE(SUM(pending_quantity + pending_return_quantity), 0)"
                + " FROM purchase_order_lines WHERE tenant_id = ?", tenant).longValue());
    }
}
