package dev.psi.system;

import static dev.psi.testing.StockInvariants.assertStockEqualsLedger;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.psi.testing.Api;
import dev.psi.testing.Fixtures;
import dev.psi.testing.Rows;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Low stock to a received purchase order across real function processes: a damage adjustment takes
 * B below its reorder point, stock-adjust emits psi.stock.low.v1, the dispatcher delivers it to
 * replenish (KafkaSource replenish-stock), which drafts the order; a purchaser submits it in
 * order-workflow and the goods are received.
 */
class ReplenishChainIT {

    @Test
    void shouldDraftSubmitAndReceiveTheReplenishmentOfALowSku() {
        SystemUnderTest.get();
        String tenant = Fixtures.newTenant();
        Api catalog = SystemUnderTest.api("catalog", tenant);
        Api stock = SystemUnderTest.api("stock-adjust", tenant);
        Api replenish = SystemUnderTest.api("replenish", tenant);
        Api workflow = SystemUnderTest.api("order-workflow", tenant);
        assertEquals(201, catalog.post("/api/warehouses", Map.of("code", "WH1", "name", "Main")).status());
        assertEquals(201, catalog.post("/api/suppliers", Map.of("code", "SUP1", "name", "A supplier")).status());
        var product = catalog.post("/api/products", Map.of("sku", "B", "name", "Banana", "unit", "kg",
                "purchasePrice", new BigDecimal("2.00"), "salePrice", new BigDecimal("3.00"),
                "reorderPoint", 10, "reorderQuantity", 50, "preferredSupplierCode", "SUP1"));
        assertEquals(201, product.status(), product.body());

        assertEquals(201, stock.post("/api/stock/adjustments", Map.of("warehouseCode", "WH1", "sku", "B",
                "quantity", 12, "reason", "FOUND", "unitCost", new BigDecimal("2.00"))).status());
        assertEquals(201, stock.post("/api/stock/adjustments", Map.of("warehouseCode", "WH1", "sku", "B",
                "quantity", -8, "reason", "DAMAGE")).status());

        // 4 available: 10 + 50 - 4 - 0 on order = 56, at 2.00 = 112.00
        await().atMost(ChainIT.CHAIN).pollInterval(Duration.ofMillis(100))
                .until(() -> workflow.get("/api/purchase-orders?status=DRAFT").list("items").size() == 1);
        var drafts = workflow.get("/api/purchase-orders?status=DRAFT");
        String path = "/api/purchase-orders/" + drafts.text("items.0.number");
        var draft = workflow.get(path);
        assertEquals("SUP1", draft.text("supplierCode"));
        assertEquals(0, new BigDecimal("56").compareTo(draft.decimal("lines.0.quantity")), draft.body());
        assertEquals(0, new BigDecimal("112.00").compareTo(draft.decimal("totalAmount")), draft.body());

        var suggestion = replenish.get("/api/replenishment/suggestions?sku=B");
        assertEquals(200, suggestion.status(), suggestion.body());
        assertEquals(0, new BigDecimal("56").compareTo(suggestion.decimal("items.0.onOrder")), suggestion.body());
        assertEquals(0, BigDecimal.ZERO.compareTo(suggestion.decimal("items.0.suggestedQuantity")), suggestion.body());

        assertEquals(403, workflow.withRoles("warehouse").post(path + "/submit", Map.of()).status());
        var submitted = workflow.withRoles("purchaser").post(path + "/submit", Map.of());
        assertEquals(202, submitted.status(), submitted.body());
        assertEquals("SUBMITTED", submitted.text("status"));
        assertEquals(202, workflow.post(path + "/receipts", Map.of()).status());
        await().atMost(ChainIT.CHAIN).pollInterval(Duration.ofMillis(100))
                .until(() -> "RECEIVED".equals(workflow.get(path).text("status")));
        assertEquals(0, new BigDecimal("60").compareTo(SystemUnderTest.api("inventory-query", tenant)
                .get("/api/inventory/B").decimal("total.onHand")));
        assertEquals(1L, Rows.count("SELECT COUNT(*) FROM purchase_orders WHERE tenant_id = ?", tenant), "one draft");
        assertStockEqualsLedger(tenant);
    }
}
