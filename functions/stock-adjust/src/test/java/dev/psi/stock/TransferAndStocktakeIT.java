package dev.psi.stock;

import static dev.psi.stock.StockAdjustmentIT.adjustment;
import static dev.psi.testing.Fixtures.aProduct;
import static dev.psi.testing.StockInvariants.assertStockEqualsLedger;
import static dev.psi.testing.StockInvariants.decimal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.testing.Api;
import dev.psi.testing.Fixtures;
import dev.psi.testing.TenantTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MicronautTest
class TransferAndStocktakeIT extends TenantTest {

    @BeforeEach
    void stock() {
        Fixtures.warehouse(tenant, "WH1");
        Fixtures.warehouse(tenant, "WH2");
        aProduct(tenant, "A").purchasePrice("3.00").create();
        aProduct(tenant, "B").create();
        assertEquals(201, api.post("/api/stock/adjustments", adjustment("A", "20", "FOUND", "4.00")).status());
        assertEquals(201, api.post("/api/stock/adjustments", adjustment("B", "5", "FOUND", "10.00")).status());
    }

    @Test
    void shouldMoveEveryLineAtTheSourceAverageCostAndKeepTheTotalValue() {
        BigDecimal valueBefore = totalValue();
        api.post("/api/stock/adjustments", Map.of("warehouseCode", "WH2", "sku", "A", "quantity", 10,
                "reason", "FOUND", "unitCost", new BigDecimal("7.00")));

        var response = api.post("/api/stock/transfers", Map.of("fromWarehouseCode", "WH1", "toWarehouseCode", "WH2",
                "lines", List.of(Map.of("sku", "A", "quantity", 5), Map.of("sku", "B", "quantity", 2))));

        assertEquals(201, response.status(), response.body());
        assertTrue(response.text("number").startsWith("TRF-"));
        assertEquals(4, response.list("movements").size());
        assertEquals(0, new BigDecimal("15").compareTo(onHand("A", "WH1")));
        assertEquals(0, new BigDecimal("15").compareTo(onHand("A", "WH2")));
        // WH2 had 10 at 7.00; 5 arrive at WH1's 4.00: (70 + 20) / 15 = 6.00
        assertEquals(0, new BigDecimal("6").compareTo(stockOf("A", "WH2", "average_cost")));
        assertEquals(0, valueBefore.add(new BigDecimal("70.00")).compareTo(totalValue()), "a transfer creates no value");
        assertValuationEqualsLedger();
        assertStockEqualsLedger(tenant);
    }

    @Test
    void shouldRefuseTheWholeTransferWhenOneLineIsShort() {
        long movements = movements();

        var response = api.post("/api/stock/transfers", Map.of("fromWarehouseCode", "WH1", "toWarehouseCode", "WH2",
                "lines", List.of(Map.of("sku", "A", "quantity", 5), Map.of("sku", "B", "quantity", 6))));

        assertEquals(409, response.status(), response.body());
        assertEquals("B", response.text("sku"));
        assertEquals(0, new BigDecimal("5").compareTo(response.decimal("available")));
        assertEquals(movements, movements());
        assertEquals(0, new BigDecimal("20").compareTo(onHand("A", "WH1")));
    }

    @Test
    void shouldRejectATransferWithinOneWarehouseOrWithRepeatedSkus() {
        var same = api.post("/api/stock/transfers", Map.of("fromWarehouseCode", "WH1", "toWarehouseCode", "WH1",
                "lines", List.of(Map.of("sku", "A", "quantity", 1))));
        var repeated = api.post("/api/stock/transfers", Map.of("fromWarehouseCode", "WH1", "toWarehouseCode", "WH2",
                "lines", List.of(Map.of("sku", "A", "quantity", 1), Map.of("sku", "A", "quantity", 2))));
        var empty = api.post("/api/stock/transfers", Map.of("fromWarehouseCode", "WH1", "toWarehouseCode", "WH2",
                "lines", List.of()));

        assertEquals(400, same.status());
        assertEquals(400, repeated.status());
        assertEquals("lines[1].sku", repeated.text("errors.0.field"));
        assertEquals(400, empty.status());
    }

    @Test
    void shouldBookStocktakeGainsAndLossesAsVariances() {
        var response = api.post("/api/stocktakes", Map.of("warehouseCode", "WH1", "lines", List.of(
                Map.of("sku", "A", "countedQuantity", 18),
                Map.of("sku", "B", "countedQuantity", 8))));

        assertEquals(201, response.status(), response.body());
        assertTrue(response.text("number").startsWith("STK-"));
        var variances = response.list("variances");
        assertEquals(2, variances.size());
        assertEquals(0, new BigDecimal("-2").compareTo(variance(response, "A")));
        assertEquals(0, new BigDecimal("3").compareTo(variance(response, "B")));
        assertEquals(0, new BigDecimal("18").compareTo(onHand("A", "WH1")));
        assertEquals(0, new BigDecimal("8").compareTo(onHand("B", "WH1")));
        assertEquals(1L, decimal("SELECT COUNT(*) FROM stock_movements WHERE tenant_id = ? AND movement_type = 'STOCKTAKE_LOSS'", tenant).longValue());
        assertEquals(1L, decimal("SELECT COUNT(*) FROM stock_movements WHERE tenant_id = ? AND movement_type = 'STOCKTAKE_GAIN'", tenant).longValue());
        assertEquals(0, new BigDecimal("-8.00").compareTo(decimal("SELECT value_delta FROM stock_movements WHERE tenant_id = ?"
                + " AND movement_type = 'STOCKTAKE_LOSS'", tenant)), "2 lost at 4.00");
        assertValuationEqualsLedger();
        assertStockEqualsLedger(tenant);
    }

    @Test
    void shouldCountAProductWithoutStockAtItsPurchasePrice() {
        aProduct(tenant, "NEW").purchasePrice("2.50").create();

        var response = api.post("/api/stocktakes", Map.of("warehouseCode", "WH2", "lines",
                List.of(Map.of("sku", "NEW", "countedQuantity", 4))));

        assertEquals(201, response.status(), response.body());
        assertEquals(0, new BigDecimal("2.5").compareTo(stockOf("NEW", "WH2", "average_cost")));
        assertEquals(0, new BigDecimal("10.00").compareTo(decimal("SELECT value_delta FROM stock_movements m JOIN products p"
                + " ON p.id = m.product_id WHERE m.tenant_id = ? AND p.sku = 'NEW'", tenant)));
        assertStockEqualsLedger(tenant);
    }

    @Test
    void shouldReadEveryStockDocumentBackByItsNumber() {
        var transfer = api.post("/api/stock/transfers", Map.of("fromWarehouseCode", "WH1", "toWarehouseCode", "WH2",
                "lines", List.of(Map.of("sku", "A", "quantity", 2))));
        var stocktake = api.post("/api/stocktakes", Map.of("warehouseCode", "WH1", "lines",
                List.of(Map.of("sku", "B", "countedQuantity", 4))));
        var adjustment = api.post("/api/stock/adjustments", adjustment("A", "-1", "DAMAGE", null));

        var transferRead = api.get("/api/stock/transfers/" + transfer.text("number"));
        var stocktakeRead = api.get("/api/stocktakes/" + stocktake.text("number"));
        var adjustmentRead = api.get("/api/stock/adjustments/" + adjustment.text("referenceNumber"));

        assertEquals(200, transferRead.status(), transferRead.body());
        assertEquals(transfer.json(), transferRead.json());
        assertEquals(200, stocktakeRead.status(), stocktakeRead.body());
        assertEquals(stocktake.list("movements"), stocktakeRead.list("movements"));
        assertEquals(0, new BigDecimal("-1").compareTo(variance(stocktakeRead, "B")));
        assertEquals(200, adjustmentRead.status());
        assertEquals(adjustment.json(), adjustmentRead.json());
        assertEquals(404, api.get("/api/stocktakes/" + transfer.text("number")).status(), "a transfer is not a stocktake");
        assertEquals(404, api.as(Fixtures.newTenant()).get("/api/stock/transfers/" + transfer.text("number")).status());
    }

    @Test
    void shouldAnswer400ForATransferIntoARowNearItsMaximum() {
        assertEquals(201, api.post("/api/stock/adjustments", Map.of("warehouseCode", "WH2", "sku", "A",
                "quantity", new BigDecimal("99999999999998"), "reason", "FOUND", "unitCost", 0)).status());
        long movements = movements();

        var response = api.post("/api/stock/transfers", Map.of("fromWarehouseCode", "WH1", "toWarehouseCode", "WH2",
                "lines", List.of(Map.of("sku", "A", "quantity", 5))));

        assertEquals(400, response.status(), response.body());
        assertEquals("lines[0].quantity", response.text("errors.0.field"), response.body());
        assertEquals(movements, movements());
        assertEquals(0, new BigDecimal("20").compareTo(onHand("A", "WH1")));
    }

    @Test
    void shouldAnswer400ForANullLineOnTransfersAndStocktakes() {
        long movements = movements();
        var lines = new java.util.ArrayList<Object>();
        lines.add(null);

        var transfer = api.post("/api/stock/transfers", Map.of("fromWarehouseCode", "WH1", "toWarehouseCode", "WH2",
                "lines", lines));
        var stocktake = api.post("/api/stocktakes", Map.of("warehouseCode", "WH1", "lines", lines));

        assertEquals(400, transfer.status(), transfer.body());
        assertEquals("lines[0]", transfer.text("errors.0.field"), transfer.body());
        assertEquals(400, stocktake.status(), stocktake.body());
        assertEquals("lines[0]", stocktake.text("errors.0.field"), stocktake.body());
        assertEquals(movements, movements());
    }

    private static BigDecimal variance(Api.Response response, String sku) {
        for (Object v : response.list("variances")) {
            var map = (Map<?, ?>) v;
            if (sku.equals(map.get("sku"))) {
                return new BigDecimal(String.valueOf(map.get("variance")));
            }
        }
        throw new AssertionError("no variance for " + sku);
    }

    /** The valuation (on-hand x average cost) of each warehouse equals the value its ledger booked, to the cent. */
    private void assertValuationEqualsLedger() {
        for (String warehouse : List.of("WH1", "WH2")) {
            BigDecimal valuation = decimal("SELECT COALESCE(SUM(ROUND(s.on_hand * s.average_cost, 2)), 0) FROM stock s"
                    + " JOIN warehouses w ON w.id = s.warehouse_id WHERE s.tenant_id = ? AND w.code = ?", tenant, warehouse);
            BigDecimal ledger = decimal("SELECT COALESCE(SUM(m.value_delta), 0) FROM stock_movements m"
                    + " JOIN warehouses w ON w.id = m.warehouse_id WHERE m.tenant_id = ? AND w.code = ?", tenant, warehouse);
            assertTrue(valuation.subtract(ledger).abs().compareTo(new BigDecimal("0.05")) <= 0,
                    warehouse + ": valuation " + valuation + " vs ledger value " + ledger);
        }
    }

    private BigDecimal totalValue() {
        return decimal("SELECT COALESCE(SUM(on_hand * average_cost), 0) FROM stock WHERE tenant_id = ?", tenant)
                .setScale(2, RoundingMode.HALF_UP);
    }

    private BigDecimal onHand(String sku, String warehouse) {
        return stockOf(sku, warehouse, "on_hand");
    }

    private BigDecimal stockOf(String sku, String warehouse, String column) {
        return decimal("SELECT s." + column + " FROM stock s JOIN products p ON p.id = s.product_id"
                + " JOIN warehouses w ON w.id = s.warehouse_id WHERE s.tenant_id = ? AND p.sku = ? AND w.code = ?",
                tenant, sku, warehouse);
    }

    private long movements() {
        return decimal("SELECT COUNT(*) FROM stock_movements WHERE tenant_id = ?", tenant).longValue();
    }
}
