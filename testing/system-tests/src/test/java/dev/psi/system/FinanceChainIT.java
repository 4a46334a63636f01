package dev.psi.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.psi.testing.Api;
import dev.psi.testing.Fixtures;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Receivables and payables from the real workflows: orders over HTTP, stock-adjust's facts on Kafka delivered to
 * finance by the dispatcher as knative/'s finance-stock KafkaSource declares, and the figures checked by hand.
 */
class FinanceChainIT {

    static final Duration CHAIN = Duration.ofSeconds(60);

    String tenant;
    Api orders;
    Api workflow;
    Api finance;

    @BeforeEach
    void tenantWithCatalog() {
        tenant = Fixtures.newTenant();
        var catalog = SystemUnderTest.api("catalog", tenant);
        orders = SystemUnderTest.api("order-create", tenant);
        workflow = SystemUnderTest.api("order-workflow", tenant);
        finance = SystemUnderTest.api("finance", tenant);
        created(catalog.post("/api/warehouses", Map.of("code", "WH1", "name", "Main")));
        created(catalog.post("/api/customers", Map.of("code", "CUS1", "name", "A customer")));
        created(catalog.post("/api/suppliers", Map.of("code", "SUP1", "name", "A supplier")));
        created(catalog.post("/api/products", Map.of("sku", "A", "name", "Apple", "unit", "pcs", "salePrice", 2.5,
                "purchasePrice", 1.0)));
    }

    @Test
    void shouldOweTheSupplierPerReceiptAndBeOwedByTheCustomerPerShipmentLessReturns() {
        var purchase = orders.post("/api/purchase-orders", Map.of("supplierCode", "SUP1", "warehouseCode", "WH1",
                "lines", List.of(Map.of("sku", "A", "quantity", 30, "unitPrice", 3.00))));
        created(purchase);
        String po = "/api/purchase-orders/" + purchase.text("number");
        assertEquals(202, workflow.post(po + "/receipts", Map.of("lines", List.of(Map.of("sku", "A", "quantity", 10)))).status());
        awaitStatus(po, "PARTIALLY_RECEIVED");
        assertEquals(202, workflow.post(po + "/receipts", Map.of()).status());
        awaitStatus(po, "RECEIVED");
        // a bill per receipt: 10 x 3.00 = 30.00 and 20 x 3.00 = 60.00
        await().atMost(CHAIN).until(() -> items("/api/finance/payables?supplierCode=SUP1").size() == 2);
        assertBalance("/api/finance/suppliers/SUP1/balance", "90");
        assertEquals(202, workflow.post(po + "/returns", Map.of("lines", List.of(Map.of("sku", "A", "quantity", 2)))).status());
        // 2 x 3.00 = 6.00 back: 84.00 owed
        await().atMost(CHAIN).until(() -> balance("/api/finance/suppliers/SUP1/balance").compareTo(new BigDecimal("84")) == 0);

        var sale = orders.post("/api/sales-orders", Map.of("customerCode", "CUS1", "warehouseCode", "WH1",
                "lines", List.of(Map.of("sku", "A", "quantity", 4))));
        created(sale);
        String so = "/api/sales-orders/" + sale.text("number");
        awaitStatus(so, "CONFIRMED");
        assertEquals(202, workflow.post(so + "/shipments", Map.of()).status());
        awaitStatus(so, "SHIPPED");
        // 4 x 2.50 (the sale price, not the 3.00 cost of goods) = 10.00
        await().atMost(CHAIN).until(() -> items("/api/finance/receivables?customerCode=CUS1").size() == 1);
        String invoice = String.valueOf(((Map<?, ?>) items("/api/finance/receivables?customerCode=CUS1").get(0)).get("number"));
        assertBalance("/api/finance/customers/CUS1/balance", "10");
        assertEquals(202, workflow.post(so + "/returns", Map.of("lines", List.of(Map.of("sku", "A", "quantity", 1)))).status());
        // credit note 2.50, applied to the invoice: 7.50 open
        await().atMost(CHAIN).until(() -> balance("/api/finance/customers/CUS1/balance").compareTo(new BigDecimal("7.5")) == 0);

        var receipt = finance.post("/api/finance/receipts", Map.of("customerCode", "CUS1", "amount", 7.50,
                "allocations", List.of(Map.of("documentNumber", invoice, "amount", 7.50))));
        assertEquals(201, receipt.status(), receipt.body());
        assertBalance("/api/finance/customers/CUS1/balance", "0");
        assertEquals(0, BigDecimal.ZERO.compareTo(finance.get("/api/finance/documents/" + invoice).decimal("open")));
    }

    private List<Object> items(String path) {
        var response = finance.get(path);
        assertEquals(200, response.status(), response.body());
        return response.list("items");
    }

    private BigDecimal balance(String path) {
        var response = finance.get(path);
        assertEquals(200, response.status(), response.body());
        return response.decimal("balance");
    }

    private void assertBalance(String path, String expected) {
        assertEquals(0, new BigDecimal(expected).compareTo(balance(path)), path);
    }

    private void awaitStatus(String path, String status) {
        await().atMost(CHAIN).pollInterval(Duration.ofMillis(50))
                .until(() -> status.equals(workflow.get(path).text("status")));
    }

    private static void created(Api.Response response) {
        assertEquals(201, response.status(), response.body());
    }
}
