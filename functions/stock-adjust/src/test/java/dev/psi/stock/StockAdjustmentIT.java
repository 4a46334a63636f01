package dev.psi.stock;

import static dev.psi.testing.Fixtures.aProduct;
import static dev.psi.testing.StockInvariants.assertStockEqualsLedger;
import static dev.psi.testing.StockInvariants.decimal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.testing.Fixtures;
import dev.psi.testing.TenantTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MicronautTest
class StockAdjustmentIT extends TenantTest {

    @BeforeEach
    void data() {
        Fixtures.warehouse(tenant, "WH1");
        aProduct(tenant, "SKU-1").purchasePrice("4.00").create();
    }

    @Test
    void shouldAddStockAndAnswerTheMovementWithItsBalance() {
        var response = api.post("/api/stock/adjustments", adjustment("SKU-1", "50", "FOUND", "5.00"));

        assertEquals(201, response.status(), response.body());
        assertEquals("ADJUSTMENT_IN", response.text("movementType"));
        assertEquals(0, new BigDecimal("50").compareTo(response.decimal("balanceAfter")));
        assertEquals(0, new BigDecimal("5").compareTo(response.decimal("averageCostAfter")));
        assertEquals(0, new BigDecimal("250.00").compareTo(response.decimal("valueDelta")));
        assertTrue(response.text("referenceNumber").matches("ADJ-\\d{4}-\\d{6}"), response.text("referenceNumber"));
        assertEquals(0, new BigDecimal("50").compareTo(onHand("SKU-1", "WH1")));
        assertStockEqualsLedger(tenant);
    }

    @Test
    void shouldPriceAnIncreaseWithoutCostAtThePurchasePriceWhenStockHasNoCostYet() {
        var response = api.post("/api/stock/adjustments", adjustment("SKU-1", "3", "OPENING_BALANCE", null));

        assertEquals(201, response.status(), response.body());
        assertEquals(0, new BigDecimal("4").compareTo(response.decimal("unitCost")));
    }

    @Test
    void shouldRefuseNegativeStockWithAProblemNamingSkuWarehouseRequestedAndAvailable() {
        api.post("/api/stock/adjustments", adjustment("SKU-1", "5", "FOUND", "1"));
        long movementsBefore = movements();

        var response = api.post("/api/stock/adjustments", adjustment("SKU-1", "-8", "DAMAGE", null));

        assertEquals(409, response.status(), response.body());
        assertEquals("application/problem+json", response.header("Content-Type"));
        assertEquals("urn:psi:problem:insufficient-stock", response.text("type"));
        assertEquals("SKU-1", response.text("sku"));
        assertEquals("WH1", response.text("warehouseCode"));
        assertEquals(0, new BigDecimal("8").compareTo(response.decimal("requested")));
        assertEquals(0, new BigDecimal("5").compareTo(response.decimal("available")));
        assertTrue(response.text("detail").contains("SKU-1"));
        assertEquals(movementsBefore, movements());
        assertEquals(0, new BigDecimal("5").compareTo(onHand("SKU-1", "WH1")));
    }

    @Test
    void shouldRejectInvalidAdjustmentsWithoutWritingAnything() {
        long before = movements();
        var zero = api.post("/api/stock/adjustments", adjustment("SKU-1", "0", "FOUND", null));
        var unknownSku = api.post("/api/stock/adjustments", adjustment("NOPE", "1", "FOUND", null));
        var badReason = api.post("/api/stock/adjustments", Map.of("warehouseCode", "WH1", "sku", "SKU-1",
                "quantity", 1, "reason", "THEFT?"));
        var missing = api.post("/api/stock/adjustments", Map.of("sku", "SKU-1"));

        assertEquals(400, zero.status(), zero.body());
        assertEquals("quantity", zero.text("errors.0.field"));
        assertEquals(400, unknownSku.status(), unknownSku.body());
        assertEquals("sku", unknownSku.text("errors.0.field"));
        assertEquals(400, badReason.status(), badReason.body());
        assertEquals(400, missing.status(), missing.body());
        assertTrue(missing.list("errors").size() >= 3, missing.body());
        assertEquals(before, movements());
        assertEquals(0L, decimal("SELECT COUNT(*) FROM stock_documents WHERE tenant_id = ?", tenant).longValue());
    }

    @Test
    void shouldApplyARepeatedAdjustmentOnceForTheSameIdempotencyKey() {
        var first = api.post("/api/stock/adjustments", adjustment("SKU-1", "7", "FOUND", "2"), "Idempotency-Key", "adj-1");
        var again = api.post("/api/stock/adjustments", adjustment("SKU-1", "7", "FOUND", "2"), "Idempotency-Key", "adj-1");

        assertEquals(201, first.status());
        assertEquals(201, again.status());
        assertEquals(first.json(), again.json());
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertEquals(0, new BigDecimal("7").compareTo(onHand("SKU-1", "WH1")));
    }

    @Test
    void shouldLetExactlyFiftyOfTwoHundredConcurrentOneUnitIssuesThrough() throws Exception {
        api.post("/api/stock/adjustments", adjustment("SKU-1", "50", "FOUND", "3"));
        var pool = Executors.newFixedThreadPool(64);
        try {
            var calls = new ArrayList<Callable<Integer>>();
            for (int i = 0; i < 200; i++) {
                calls.add(() -> api.post("/api/stock/adjustments", adjustment("SKU-1", "-1", "LOSS", null)).status());
            }
            int created = 0;
            int conflicts = 0;
            for (Future<Integer> status : pool.invokeAll(calls)) {
                switch (status.get()) {
                    case 201 -> created++;
                    case 409 -> conflicts++;
                    default -> throw new AssertionError("unexpected status " + status.get());
                }
            }
            assertEquals(50, created);
            assertEquals(150, conflicts);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, BigDecimal.ZERO.compareTo(onHand("SKU-1", "WH1")));
        assertEquals(51L, movements());
        assertStockEqualsLedger(tenant);
    }

    @Test
    void shouldRefuseAReasonThatContradictsTheSignNamingTheRule() {
        var damageIn = api.post("/api/stock/adjustments", adjustment("SKU-1", "5", "DAMAGE", "1"));
        var foundOut = api.post("/api/stock/adjustments", adjustment("SKU-1", "-1", "FOUND", null));
        var correctionEither = api.post("/api/stock/adjustments", adjustment("SKU-1", "2", "CORRECTION", "1"));

        assertEquals(400, damageIn.status(), damageIn.body());
        assertEquals("quantity", damageIn.text("errors.0.field"));
        assertTrue(damageIn.text("errors.0.message").contains("DAMAGE removes stock"), damageIn.body());
        assertEquals(400, foundOut.status(), foundOut.body());
        assertTrue(foundOut.text("errors.0.message").contains("FOUND adds stock"), foundOut.body());
        assertEquals(201, correctionEither.status(), correctionEither.body());
        assertEquals(0, new BigDecimal("2").compareTo(onHand("SKU-1", "WH1")), "only the correction was booked");
        assertEquals(1L, movements());
    }

    @Test
    void shouldAnswer400ForAnAdjustmentThatWouldOverflowTheStockRowOrItsValue() {
        var nearMaximum = api.post("/api/stock/adjustments", adjustment("SKU-1", "99999999999999", "FOUND", "0"));
        assertEquals(201, nearMaximum.status(), nearMaximum.body());
        long before = movements();

        var overflowingQuantity = api.post("/api/stock/adjustments", adjustment("SKU-1", "1", "FOUND", "0"));
        aProduct(tenant, "SKU-2").create();
        var overflowingValue = api.post("/api/stock/adjustments", adjustment("SKU-2", "99999999999999", "FOUND",
                "9999999999999"));

        assertEquals(400, overflowingQuantity.status(), overflowingQuantity.body());
        assertEquals("application/problem+json", overflowingQuantity.header("Content-Type"));
        assertEquals("quantity", overflowingQuantity.text("errors.0.field"), overflowingQuantity.body());
        assertEquals(400, overflowingValue.status(), overflowingValue.body());
        assertEquals("quantity", overflowingValue.text("errors.0.field"), overflowingValue.body());
        assertEquals(before, movements(), "a refused adjustment books nothing");
        assertEquals(0, new BigDecimal("99999999999999").compareTo(onHand("SKU-1", "WH1")));
    }

    private BigDecimal onHand(String sku, String warehouse) {
        BigDecimal value = decimal("SELECT s.on_hand FROM stock s JOIN products p ON p.id = s.product_id"
                + " JOIN warehouses w ON w.id = s.warehouse_id WHERE s.tenant_id = ? AND p.sku = ? AND w.code = ?",
                tenant, sku, warehouse);
        assertNotNull(value, "no stock row for " + sku);
        return value;
    }

    private long movements() {
        return decimal("SELECT COUNT(*) FROM stock_movements WHERE tenant_id = ?", tenant).longValue();
    }

    static Map<String, Object> adjustment(String sku, String quantity, String reason, String unitCost) {
        var body = new java.util.LinkedHashMap<String, Object>();
        body.put("warehouseCode", "WH1");
        body.put("sku", sku);
        body.put("quantity", new BigDecimal(quantity));
        body.put("reason", reason);
        if (unitCost != null) {
            body.put("unitCost", new BigDecimal(unitCost));
        }
        return body;
    }
}
