package dev.psi.order.create;

import static dev.psi.testing.Fixtures.aProduct;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.testing.Fixtures;
import dev.psi.testing.Rows;
import dev.psi.testing.TenantTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A tenant whose purchase orders above 500.00 need approval: such an order is stored PENDING_APPROVAL and sends nothing. */
@MicronautTest
class PurchaseApprovalThresholdIT extends TenantTest {

    @BeforeEach
    void catalog() {
        Rows.execute("INSERT INTO tenants (id, name, po_approval_threshold) VALUES (?, ?, 500.00)", tenant, tenant);
        Fixtures.warehouse(tenant, "WH1");
        Fixtures.supplier(tenant, "SUP1");
        aProduct(tenant, "A").create();
    }

    @Test
    void shouldHoldAnOrderAboveTheThresholdAndSubmitOneAtIt() {
        var above = create("50.01"); // 10 x 50.01 = 500.10
        assertEquals(201, above.status(), above.body());
        assertEquals("PENDING_APPROVAL", above.text("status"));
        assertTrue(above.text("history.0.reason").contains("total 500.10 is above the approval threshold 500"), above.body());
        assertEquals(0L, submittedEvents(above.text("number")), "nothing is sent before approval");
        assertEquals("test-user", Rows.one("SELECT submitted_by FROM purchase_orders WHERE tenant_id = ? AND number = ?",
                tenant, above.text("number")).get("submitted_by"));

        var at = create("50.00"); // 500.00: not above
        assertEquals("SUBMITTED", at.text("status"), at.body());
        assertEquals(1L, submittedEvents(at.text("number")));
    }

    private dev.psi.testing.Api.Response create(String price) {
        return api.post("/api/purchase-orders", Map.of("supplierCode", "SUP1", "warehouseCode", "WH1",
                "lines", List.of(Map.of("sku", "A", "quantity", 10, "unitPrice", new java.math.BigDecimal(price)))));
    }

    private long submittedEvents(String number) {
        return Rows.count("SELECT COUNT(*) FROM outbox WHERE tenant_id = ? AND aggregate_id = ?"
                + " AND event_type = 'psi.purchase-order.submitted.v1'", tenant, number);
    }
}
