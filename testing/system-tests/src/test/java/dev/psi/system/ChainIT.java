package dev.psi.system;

import static dev.psi.testing.StockInvariants.assertStockEqualsLedger;
import static dev.psi.testing.StockInvariants.decimal;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.local.LocalSystem;
import dev.psi.testing.Api;
import dev.psi.testing.Fixtures;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The purchase and sales workflows across real function processes, linked only by CloudEvents on
 * Kafka and delivered as the KafkaSources in knative/ declare.
 */
class ChainIT {

    static final Duration CHAIN = Duration.ofSeconds(60);

    LocalSystem system;
    String tenant;
    Api catalog;
    Api stock;
    Api inventory;
    Api orders;
    Api workflow;

    @BeforeEach
    void tenantWithCatalog() {
        system = SystemUnderTest.get();
        tenant = Fixtures.newTenant();
        catalog = SystemUnderTest.api("catalog", tenant);
        stock = SystemUnderTest.api("stock-adjust", tenant);
        inventory = SystemUnderTest.api("inventory-query", tenant);
        orders = SystemUnderTest.api("order-create", tenant);
        workflow = SystemUnderTest.api("order-workflow", tenant);
        created(catalog.post("/api/warehouses", Map.of("code", "WH1", "name", "Main")));
        created(catalog.post("/api/customers", Map.of("code", "CUS1", "name", "A customer")));
        created(catalog.post("/api/suppliers", Map.of("code", "SUP1", "name", "A supplier")));
        created(catalog.post("/api/products", Map.of("sku", "A", "name", "Apple", "unit", "pcs", "salePrice", 2.5,
                "purchasePrice", 1.0)));
    }

    @Test
    void shouldConfirmThenShipASalesOrderForAvailableStock() {
        adjust("A", "10", "1.20");
        String number = placeSalesOrder("A", "4");

        awaitStatus("/api/sales-orders/" + number, "CONFIRMED");
        assertEquals(0, new BigDecimal("4").compareTo(inventory.get("/api/inventory/A").decimal("total.reserved")));

        assertEquals(202, workflow.post("/api/sales-orders/" + number + "/shipments", Map.of()).status());
        awaitStatus("/api/sales-orders/" + number, "SHIPPED");
        var sku = inventory.get("/api/inventory/A");
        assertEquals(0, new BigDecimal("6").compareTo(sku.decimal("total.onHand")));
        assertEquals(0, BigDecimal.ZERO.compareTo(sku.decimal("total.reserved")));
        var order = workflow.get("/api/sales-orders/" + number);
        assertEquals(0, new BigDecimal("1.2").compareTo(order.decimal("lines.0.unitCost")), "cost of goods at the average");
        assertStockEqualsLedger(tenant);
    }

    @Test
    void shouldRejectAnOrderForMoreThanIsAvailableAndReserveNothing() {
        adjust("A", "3", "1");
        String number = placeSalesOrder("A", "5");

        awaitStatus("/api/sales-orders/" + number, "REJECTED");
        var order = workflow.get("/api/sales-orders/" + number);
        assertTrue(order.text("rejectionReason").contains("A"), order.body());
        assertEquals(0, BigDecimal.ZERO.compareTo(inventory.get("/api/inventory/A").decimal("total.reserved")));
        assertStockEqualsLedger(tenant);
    }

    @Test
    void shouldConfirmExactlyTenOfThirtyConcurrentOrdersForTenUnits() throws Exception {
        adjust("A", "10", "1");
        var pool = Executors.newFixedThreadPool(30);
        var numbers = new ArrayList<String>();
        try {
            var calls = new ArrayList<Callable<String>>();
            for (int i = 0; i < 30; i++) {
                calls.add(() -> placeSalesOrder("A", "1"));
            }
            for (Future<String> number : pool.invokeAll(calls)) {
                numbers.add(number.get());
            }
        } finally {
            pool.shutdownNow();
        }

        await().atMost(CHAIN).until(() -> count("CONFIRMED") + count("REJECTED") == 30);
        assertEquals(10, count("CONFIRMED"));
        assertEquals(20, count("REJECTED"));
        assertEquals(0, BigDecimal.TEN.compareTo(inventory.get("/api/inventory/A").decimal("total.reserved")));
        assertStockEqualsLedger(tenant);
    }

    @Test
    void shouldReceiveAPurchaseOrderInTwoPartsAtTheLinePrice() {
        adjust("A", "10", "2.00");
        var created = orders.post("/api/purchase-orders", Map.of("supplierCode", "SUP1", "warehouseCode", "WH1",
                "lines", List.of(Map.of("sku", "A", "quantity", 30, "unitPrice", 3.00))));
        assertEquals(201, created.status(), created.body());
        String path = "/api/purchase-orders/" + created.text("number");

        assertEquals(202, workflow.post(path + "/receipts", Map.of("lines", List.of(Map.of("sku", "A", "quantity", 10)))).status());
        awaitStatus(path, "PARTIALLY_RECEIVED");
        // (10 x 2.00 + 10 x 3.00) / 20 = 2.50
        assertEquals(0, new BigDecimal("2.5").compareTo(inventory.get("/api/inventory/A").decimal("total.averageCost")));
        assertEquals(202, workflow.post(path + "/receipts", Map.of()).status());
        awaitStatus(path, "RECEIVED");
        var sku = inventory.get("/api/inventory/A");
        assertEquals(0, new BigDecimal("40").compareTo(sku.decimal("total.onHand")));
        // (20 x 2.50 + 20 x 3.00) / 40 = 2.75
        assertEquals(0, new BigDecimal("2.75").compareTo(sku.decimal("total.averageCost")));
        assertEquals(0, new BigDecimal("110.00").compareTo(sku.decimal("total.value")));
        assertStockEqualsLedger(tenant);
    }

    @Test
    void shouldCostATaxInclusiveReceiptAtItsNetPriceAndReportGrossProfitAtNet() {
        dev.psi.testing.Rows.execute("INSERT INTO tenants (id, name, prices_include_tax) VALUES (?, ?, TRUE)", tenant, tenant);
        // 10 x 11.30 = 113.00 including 13 %, less 10 % (11.30) = 101.70 gross; net round(101.70 x 100 / 113) = 90.00,
        // tax 11.70, net unit price 9.00: the moving average is 9.00, the stock worth 90.00.
        var purchase = orders.post("/api/purchase-orders", Map.of("supplierCode", "SUP1", "warehouseCode", "WH1",
                "lines", List.of(Map.of("sku", "A", "quantity", 10, "unitPrice", 11.30, "taxRate", 13, "discountPercent", 10))));
        assertEquals(201, purchase.status(), purchase.body());
        assertEquals(0, new BigDecimal("101.70").compareTo(purchase.decimal("totalAmount")), purchase.body());
        assertEquals(0, new BigDecimal("90.00").compareTo(purchase.decimal("netAmount")));
        String path = "/api/purchase-orders/" + purchase.text("number");
        assertEquals(202, workflow.post(path + "/receipts", Map.of()).status());
        awaitStatus(path, "RECEIVED");
        var sku = inventory.get("/api/inventory/A");
        assertEquals(0, new BigDecimal("9").compareTo(sku.decimal("total.averageCost")), sku.body());
        assertEquals(0, new BigDecimal("90.00").compareTo(sku.decimal("total.value")));

        // 4 x 22.60 = 90.40 including 13 %: net 80.00, tax 10.40. Cost of goods 4 x 9.00 = 36.00; profit 44.00 = 55 %.
        var sale = orders.post("/api/sales-orders", Map.of("customerCode", "CUS1", "warehouseCode", "WH1",
                "lines", List.of(Map.of("sku", "A", "quantity", 4, "unitPrice", 22.60, "taxRate", 13))));
        assertEquals(201, sale.status(), sale.body());
        assertEquals(0, new BigDecimal("80.00").compareTo(sale.decimal("netAmount")), sale.body());
        String sold = "/api/sales-orders/" + sale.text("number");
        awaitStatus(sold, "CONFIRMED");
        assertEquals(202, workflow.post(sold + "/shipments", Map.of()).status());
        awaitStatus(sold, "SHIPPED");
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        var profit = SystemUnderTest.api("reports", tenant).get("/api/reports/gross-profit?from=" + today + "&to=" + today);
        assertEquals(200, profit.status(), profit.body());
        assertEquals(0, new BigDecimal("80.00").compareTo(profit.decimal("total.revenue")), profit.body());
        assertEquals(0, new BigDecimal("36.00").compareTo(profit.decimal("total.cost")), profit.body());
        assertEquals(0, new BigDecimal("44.00").compareTo(profit.decimal("total.profit")), profit.body());
        assertEquals(0, new BigDecimal("55.00").compareTo(profit.decimal("total.marginPercent")), profit.body());
        // the revenue came from the shipment's own ledger row (stock-adjust booked it), not from a join
        assertEquals(List.of("80.00"), dev.psi.testing.Rows.column("SELECT net_amount FROM stock_movements"
                + " WHERE tenant_id = ? AND movement_type = 'ISSUE'", tenant));
        assertStockEqualsLedger(tenant);
    }

    @Test
    void shouldReleaseTheReservationOfACancelledOrder() {
        adjust("A", "5", "1");
        String number = placeSalesOrder("A", "5");
        awaitStatus("/api/sales-orders/" + number, "CONFIRMED");

        assertEquals(202, workflow.post("/api/sales-orders/" + number + "/cancel", Map.of()).status());
        awaitStatus("/api/sales-orders/" + number, "CANCELLED");
        assertEquals(0, BigDecimal.ZERO.compareTo(inventory.get("/api/inventory/A").decimal("total.reserved")));
        assertEquals(409, workflow.post("/api/sales-orders/" + number + "/shipments", Map.of()).status());
    }

    @Test
    void shouldTakeBackACustomerReturnAtItsIssueCostAndSendGoodsBackToTheSupplier() {
        adjust("A", "10", "2.00");
        String number = placeSalesOrder("A", "4");
        awaitStatus("/api/sales-orders/" + number, "CONFIRMED");
        workflow.post("/api/sales-orders/" + number + "/shipments", Map.of());
        awaitStatus("/api/sales-orders/" + number, "SHIPPED");
        adjust("A", "6", "5.00"); // the average moves to (6 x 2.00 + 6 x 5.00) / 12 = 3.50

        var tooMany = workflow.post("/api/sales-orders/" + number + "/returns", Map.of("lines", List.of(Map.of("sku", "A", "quantity", 5))));
        var returned = workflow.post("/api/sales-orders/" + number + "/returns", Map.of("lines", List.of(Map.of("sku", "A", "quantity", 2))));

        assertEquals(400, tooMany.status(), "only 4 were shipped: " + tooMany.body());
        assertEquals(202, returned.status(), returned.body());
        await().atMost(CHAIN).until(() -> new BigDecimal("14").compareTo(inventory.get("/api/inventory/A").decimal("total.onHand")) == 0);
        // back in at the issue cost 2.00: (12 x 3.50 + 2 x 2.00) / 14 = 3.285714
        assertEquals(0, new BigDecimal("3.285714").compareTo(inventory.get("/api/inventory/A").decimal("warehouses.0.averageCost")));
        await().atMost(CHAIN).until(() -> new BigDecimal("2").compareTo(workflow.get("/api/sales-orders/" + number)
                .decimal("lines.0.returnedQuantity")) == 0);

        var purchase = orders.post("/api/purchase-orders", Map.of("supplierCode", "SUP1", "warehouseCode", "WH1",
                "lines", List.of(Map.of("sku", "A", "quantity", 5, "unitPrice", 3.00))));
        String path = "/api/purchase-orders/" + purchase.text("number");
        workflow.post(path + "/receipts", Map.of());
        awaitStatus(path, "RECEIVED");
        assertEquals(202, workflow.post(path + "/returns", Map.of("lines", List.of(Map.of("sku", "A", "quantity", 3)))).status());
        await().atMost(CHAIN).until(() -> new BigDecimal("16").compareTo(inventory.get("/api/inventory/A").decimal("total.onHand")) == 0);
        await().atMost(CHAIN).until(() -> new BigDecimal("3").compareTo(workflow.get(path).decimal("lines.0.returnedQuantity")) == 0);
        assertStockEqualsLedger(tenant);
    }

    @Test
    void shouldServeTheNewStockLevelRightAfterAnAdjustmentCommits() {
        adjust("A", "1", "1");
        for (int i = 2; i <= 20; i++) {
            inventory.get("/api/inventory/A");
            adjust("A", "1", "1");
            assertEquals(0, new BigDecimal(i).compareTo(inventory.get("/api/inventory/A").decimal("total.onHand")));
        }
    }

    @Test
    void shouldRefuseToCancelAnOrderWhoseShipmentIsInFlightAndShipIt() {
        adjust("A", "10", "1.20");
        String number = placeSalesOrder("A", "4");
        awaitStatus("/api/sales-orders/" + number, "CONFIRMED");

        assertEquals(202, workflow.post("/api/sales-orders/" + number + "/shipments", Map.of()).status());
        var cancel = workflow.post("/api/sales-orders/" + number + "/cancel", Map.of());

        assertEquals(409, cancel.status(), "shipped or in flight, never cancelled: " + cancel.body());
        awaitStatus("/api/sales-orders/" + number, "SHIPPED");
        var sku = inventory.get("/api/inventory/A");
        assertEquals(0, new BigDecimal("6").compareTo(sku.decimal("total.onHand")));
        assertEquals(0, BigDecimal.ZERO.compareTo(sku.decimal("total.reserved")));
        assertEquals(0L, decimal("SELECT COUNT(*) FROM outbox WHERE tenant_id = ? AND aggregate_id = ?"
                + " AND event_type = 'psi.sales-order.cancelled.v1'", tenant, number).longValue());
        assertStockEqualsLedger(tenant);
    }

    @Test
    void shouldValueStockAsTheLedgerBookedItThroughReceiptsAtDifferentPricesAndShipments() {
        adjust("A", "7", "2.37");
        var created = orders.post("/api/purchase-orders", Map.of("supplierCode", "SUP1", "warehouseCode", "WH1",
                "lines", List.of(Map.of("sku", "A", "quantity", 30, "unitPrice", 3.11))));
        String path = "/api/purchase-orders/" + created.text("number");
        for (int quantity : List.of(7, 11, 12)) {
            assertEquals(202, workflow.post(path + "/receipts", Map.of("lines", List.of(Map.of("sku", "A",
                    "quantity", quantity)))).status());
            String sales = placeSalesOrder("A", "3");
            awaitStatus("/api/sales-orders/" + sales, "CONFIRMED");
            assertEquals(202, workflow.post("/api/sales-orders/" + sales + "/shipments", Map.of()).status());
            awaitStatus("/api/sales-orders/" + sales, "SHIPPED");
        }
        awaitStatus(path, "RECEIVED");

        var valuation = inventory.get("/api/inventory/valuation");
        BigDecimal ledger = decimal("SELECT SUM(value_delta) FROM stock_movements WHERE tenant_id = ?", tenant);
        assertEquals(200, valuation.status(), valuation.body());
        assertEquals(0, new BigDecimal("28").compareTo(valuation.decimal("totalOnHand")), valuation.body());
        assertEquals(0, ledger.compareTo(valuation.decimal("totalValue")), "ledger " + ledger + ", " + valuation.body());
        assertStockEqualsLedger(tenant);
    }

    @Test
    void shouldServeTheNewFiguresAndTheStoredSkuAfterAnAdjustmentSpelledInAnotherCase() {
        created(catalog.post("/api/products", Map.of("sku", "APL-001", "name", "Apple crate", "unit", "pcs",
                "salePrice", 9.5, "purchasePrice", 6.0)));
        adjust("APL-001", "10", "6.00");
        var before = inventory.get("/api/inventory/apl-001"); // cached under the key as typed, before the fix
        assertEquals(200, before.status(), before.body());
        assertEquals(0, BigDecimal.TEN.compareTo(before.decimal("total.onHand")), before.body());

        adjust("APL-001", "5", "6.00"); // another process, another spelling

        var after = inventory.get("/api/inventory/apl-001");
        assertEquals(200, after.status(), after.body());
        assertEquals(0, new BigDecimal("15").compareTo(after.decimal("total.onHand")), after.body());
        assertEquals(0, new BigDecimal("15").compareTo(after.decimal("onHand")), after.body());
        assertEquals("APL-001", after.text("sku"), "the stored spelling, not the one typed");
        assertEquals("APL-001", after.text("warehouses.0.sku"), after.body());
        assertStockEqualsLedger(tenant);
    }

    private void adjust(String sku, String quantity, String unitCost) {
        var response = stock.post("/api/stock/adjustments", Map.of("warehouseCode", "WH1", "sku", sku,
                "quantity", new BigDecimal(quantity), "reason", "FOUND", "unitCost", new BigDecimal(unitCost)));
        assertEquals(201, response.status(), response.body());
    }

    private String placeSalesOrder(String sku, String quantity) {
        var response = orders.post("/api/sales-orders", Map.of("customerCode", "CUS1", "warehouseCode", "WH1",
                "lines", List.of(Map.of("sku", sku, "quantity", new BigDecimal(quantity)))));
        assertEquals(201, response.status(), response.body());
        return response.text("number");
    }

    private void awaitStatus(String path, String status) {
        await().atMost(CHAIN).pollInterval(Duration.ofMillis(50))
                .until(() -> status.equals(workflow.get(path).text("status")));
    }

    private long count(String status) {
        return decimal("SELECT COUNT(*) FROM sales_orders WHERE tenant_id = ? AND status = ?", tenant, status).longValue();
    }

    private static void created(Api.Response response) {
        assertEquals(201, response.status(), response.body());
    }
}
