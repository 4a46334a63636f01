package dev.psi.inventory;

import static dev.psi.testing.Fixtures.aProduct;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.kernel.cache.CacheKeys;
import dev.psi.kernel.cache.RedisCache;
import dev.psi.testing.Fixtures;
import dev.psi.testing.TenantTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MicronautTest
class InventoryQueryIT extends TenantTest {

    @Inject
    RedisCache cache;

    @BeforeEach
    void catalog() {
        Fixtures.warehouse(tenant, "WH1");
        Fixtures.warehouse(tenant, "WH2");
        aProduct(tenant, "A").category("fruit").reorder("5", "20").create();
        aProduct(tenant, "B").category("veg").create();
        aProduct(tenant, "EMPTY").create();
        StockSeed.stock(tenant, "A", "WH1", "10", "7", "2.50");
        StockSeed.stock(tenant, "A", "WH2", "4", "0", "3.00");
        StockSeed.stock(tenant, "B", "WH1", "100", "0", "1.234567");
    }

    @Test
    void shouldShowOneSkuPerWarehouseAndInTotal() {
        var response = api.get("/api/inventory/A");

        assertEquals(200, response.status(), response.body());
        assertEquals(2, response.list("warehouses").size());
        assertEquals("WH1", response.text("warehouses.0.warehouseCode"));
        assertEquals(0, new BigDecimal("3").compareTo(response.decimal("warehouses.0.available")));
        assertEquals(0, new BigDecimal("25.00").compareTo(response.decimal("warehouses.0.value")));
        assertEquals(0, new BigDecimal("14").compareTo(response.decimal("total.onHand")));
        assertEquals(0, new BigDecimal("7").compareTo(response.decimal("total.reserved")));
        assertEquals(0, new BigDecimal("7").compareTo(response.decimal("total.available")));
        assertEquals(0, new BigDecimal("37.00").compareTo(response.decimal("total.value")));
        assertEquals(0, new BigDecimal("14").compareTo(response.decimal("onHand")), "the total at the top level too");
        assertEquals(0, new BigDecimal("7").compareTo(response.decimal("available")));
        // 37.00 / 14
        assertEquals(0, new BigDecimal("2.642857").compareTo(response.decimal("total.averageCost")));
    }

    @Test
    void shouldAnswerAProductWithoutStockWithZerosAndAnUnknownSkuWith404() {
        var empty = api.get("/api/inventory/EMPTY");
        var unknown = api.get("/api/inventory/NOPE");

        assertEquals(200, empty.status());
        assertTrue(empty.list("warehouses").isEmpty());
        assertEquals(0, BigDecimal.ZERO.compareTo(empty.decimal("total.onHand")));
        assertEquals(404, unknown.status());
        assertEquals("application/problem+json", unknown.header("Content-Type"));
    }

    @Test
    void shouldNeverServeAValueOlderThanTheLastCommittedChange() throws Exception {
        api.get("/api/inventory/B");
        var stop = new AtomicBoolean();
        var readers = Executors.newFixedThreadPool(4);
        try {
            // Readers keep missing and refilling the cache while the writer commits changes.
            for (int r = 0; r < 4; r++) {
                readers.submit(() -> {
                    while (!stop.get()) {
                        api.get("/api/inventory/B");
                    }
                });
            }
            for (int i = 1; i <= 40; i++) {
                StockSeed.move(tenant, "B", "WH1", "RECEIPT", "1", "0", "1.234567", Instant.now());
                cache.invalidate(CacheKeys.inventory(tenant, "B")); // what stock-adjust does after commit
                var response = api.get("/api/inventory/B");
                assertEquals(0, new BigDecimal(100 + i).compareTo(response.decimal("total.onHand")),
                        "read after change " + i + ": " + response.body());
            }
        } finally {
            stop.set(true);
            readers.shutdown();
        }
    }

    @Test
    void shouldServeARepeatedReadFromTheCache() {
        api.get("/api/inventory/A");
        // A change written behind the ledger's back (no invalidation) stays invisible: proof of a cache hit.
        StockSeed.move(tenant, "A", "WH2", "RECEIPT", "1", "0", "3.00", Instant.now());

        var cached = api.get("/api/inventory/A");
        cache.invalidate(CacheKeys.inventory(tenant, "A"));
        var fresh = api.get("/api/inventory/A");

        assertEquals(0, new BigDecimal("14").compareTo(cached.decimal("total.onHand")));
        assertEquals(0, new BigDecimal("15").compareTo(fresh.decimal("total.onHand")));
    }

    @Test
    void shouldListAndFilterStockRows() {
        var all = api.get("/api/inventory");
        var wh1 = api.get("/api/inventory?warehouseCode=WH1");
        var fruit = api.get("/api/inventory?category=fruit&size=1&page=1");
        var below = api.get("/api/inventory?belowReorder=true");
        var withEmpty = api.get("/api/inventory?includeEmpty=true&q=B");

        assertEquals(3L, ((Number) all.at("totalItems")).longValue(), all.body());
        assertEquals(2L, ((Number) wh1.at("totalItems")).longValue());
        assertEquals(2L, ((Number) fruit.at("totalItems")).longValue());
        assertEquals(1, fruit.list("items").size());
        assertEquals("WH2", fruit.text("items.0.warehouseCode"));
        assertEquals(2L, ((Number) below.at("totalItems")).longValue(), "A is below 5 available in both warehouses");
        assertEquals(1L, ((Number) withEmpty.at("totalItems")).longValue());
        assertEquals(400, api.get("/api/inventory?size=0").status());
    }

    @Test
    void shouldListLowStockLargestGapFirst() {
        var response = api.get("/api/inventory/low-stock");

        assertEquals(200, response.status());
        assertEquals(2, response.list("items").size());
        assertEquals("WH1", response.text("items.0.warehouseCode"), "WH1 has 3 available: gap 2; WH2 has 4: gap 1");
        assertTrue((Boolean) response.at("items.0.belowReorderPoint"));
    }

    @Test
    void shouldValueStockPerWarehouseAndInTotal() {
        var response = api.get("/api/inventory/valuation");
        var wh2 = api.get("/api/inventory/valuation?warehouseCode=WH2");

        assertEquals(200, response.status(), response.body());
        // WH1: 10 x 2.50 + 100 x 1.234567 = 25.00 + 123.46; WH2: 4 x 3.00
        assertEquals(0, new BigDecimal("148.46").compareTo(response.decimal("warehouses.0.value")));
        assertEquals(0, new BigDecimal("12.00").compareTo(response.decimal("warehouses.1.value")));
        assertEquals(0, new BigDecimal("160.46").compareTo(response.decimal("totalValue")));
        assertEquals(0, new BigDecimal("114").compareTo(response.decimal("totalOnHand")));
        assertEquals(1, wh2.list("warehouses").size());
        assertEquals(0, new BigDecimal("12.00").compareTo(wh2.decimal("totalValue")));
    }

    @Test
    void shouldPageTheLedgerNewestFirstWithFilters() {
        Instant lastWeek = Instant.now().minus(7, ChronoUnit.DAYS);
        StockSeed.move(tenant, "A", "WH1", "ISSUE", "-2", "-2", "2.50", lastWeek);

        var all = api.get("/api/inventory/A/movements");
        var recent = api.get("/api/inventory/A/movements?from=" + Instant.now().minus(1, ChronoUnit.DAYS));
        var issues = api.get("/api/inventory/A/movements?type=issue&warehouseCode=WH1");
        var badDate = api.get("/api/inventory/A/movements?from=yesterday");
        var unknown = api.get("/api/inventory/NOPE/movements");

        assertEquals(4L, ((Number) all.at("totalItems")).longValue(), all.body());
        assertEquals("ISSUE", all.text("items.0.movementType"), "newest first");
        assertEquals(3L, ((Number) recent.at("totalItems")).longValue());
        assertEquals(1L, ((Number) issues.at("totalItems")).longValue());
        assertEquals(0, new BigDecimal("-2").compareTo(issues.decimal("items.0.quantity")));
        assertEquals(400, badDate.status());
        assertEquals("from", badDate.text("errors.0.field"));
        assertEquals(404, unknown.status());
    }

    @Test
    void shouldKeepTenantsApart() {
        var other = api.as(Fixtures.newTenant());

        assertEquals(404, other.get("/api/inventory/A").status());
        assertEquals(0L, ((Number) other.get("/api/inventory").at("totalItems")).longValue());
        assertEquals(0, BigDecimal.ZERO.compareTo(other.get("/api/inventory/valuation").decimal("totalValue")));
    }

    @Test
    void shouldPublishTheQueryDurationHistogram() {
        api.get("/api/inventory/A");
        var metrics = api.get("/prometheus");

        assertTrue(metrics.body().contains("psi_inventory_query_duration_seconds_bucket{"), "histogram buckets");
        assertTrue(metrics.body().contains("query=\"sku\""));
    }
}
