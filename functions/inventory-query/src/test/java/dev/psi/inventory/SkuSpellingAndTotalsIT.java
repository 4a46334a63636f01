package dev.psi.inventory;

import static dev.psi.testing.Fixtures.aProduct;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.kernel.cache.CacheKeys;
import dev.psi.kernel.cache.RedisCache;
import dev.psi.testing.Api;
import dev.psi.testing.Fixtures;
import dev.psi.testing.PsiTestResources;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A SKU is one product however its letters are cased (the database compares case-insensitively),
 * so it is one cache entry too; and totals come from unrounded figures.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SkuSpellingAndTotalsIT implements PsiTestResources {

    @Inject
    EmbeddedServer server;
    @Inject
    RedisCache cache;

    /** A second inventory-query beside the one under test, sharing its database and Redis. */
    EmbeddedServer other;
    String tenant;
    Api api;

    @BeforeAll
    void startAnotherInstance() {
        var properties = new HashMap<String, Object>(getProperties());
        properties.put("micronaut.server.port", -1);
        other = ApplicationContext.run(EmbeddedServer.class, properties);
    }

    @AfterAll
    void stopIt() {
        other.close();
    }

    @BeforeEach
    void catalog() {
        tenant = Fixtures.newTenant();
        api = new Api(server.getURI(), tenant);
        Fixtures.warehouse(tenant, "WH1");
        Fixtures.warehouse(tenant, "WH2");
        aProduct(tenant, "APL-001").create();
    }

    @Test
    void shouldServeTheNewFiguresWhateverCaseReaderAndWriterSpellTheSkuIn() {
        StockSeed.stock(tenant, "APL-001", "WH1", "10", "0", "2.00");
        var first = new Api(other.getURI(), tenant).get("/api/inventory/apl-001");
        assertEquals(0, new BigDecimal("10").compareTo(first.decimal("total.onHand")), first.body());

        // What stock-adjust does for a client that typed the SKU in capitals: change, commit, retire the entry.
        StockSeed.move(tenant, "APL-001", "WH1", "ADJUSTMENT_IN", "5", "0", "2.00", Instant.now());
        cache.invalidate(CacheKeys.inventory(tenant, "APL-001"));

        var after = api.get("/api/inventory/Apl-001");
        assertEquals(200, after.status(), after.body());
        assertEquals(0, new BigDecimal("15").compareTo(after.decimal("total.onHand")), "a stale entry was served");
        var again = new Api(other.getURI(), tenant).get("/api/inventory/apl-001");
        assertEquals(0, new BigDecimal("15").compareTo(again.decimal("total.onHand")), "a stale entry was served");
    }

    @Test
    void shouldAnswerWithTheStoredSkuNotTheTypedOne() {
        StockSeed.stock(tenant, "APL-001", "WH1", "1", "0", "1.00");

        var response = api.get("/api/inventory/apl-001");
        var movements = api.get("/api/inventory/apl-001/movements");

        assertEquals("APL-001", response.text("sku"));
        assertEquals("APL-001", response.text("warehouses.0.sku"));
        assertEquals("APL-001", movements.text("items.0.sku"), movements.body());
    }

    @Test
    void shouldNotCacheAnAccentedSpellingThatTheDatabaseStillMatches() {
        aProduct(tenant, "CAFE").create();
        StockSeed.stock(tenant, "CAFE", "WH1", "3", "0", "1.00");
        assertEquals(200, api.get("/api/inventory/caf%C3%A9").status());

        StockSeed.move(tenant, "CAFE", "WH1", "ADJUSTMENT_IN", "4", "0", "1.00", Instant.now());
        cache.invalidate(CacheKeys.inventory(tenant, "CAFE"));

        var after = api.get("/api/inventory/caf%C3%A9");
        assertEquals(0, new BigDecimal("7").compareTo(after.decimal("total.onHand")), after.body());
    }

    @Test
    void shouldAverageTheTotalCostFromUnroundedValues() {
        // 3 x 1.111111 = 3.333333 per warehouse: 3.33 each when rounded to cents.
        StockSeed.stock(tenant, "APL-001", "WH1", "3", "0", "1.111111");
        StockSeed.stock(tenant, "APL-001", "WH2", "3", "0", "1.111111");

        var response = api.get("/api/inventory/APL-001");

        assertEquals(0, new BigDecimal("1.111111").compareTo(response.decimal("total.averageCost")), response.body());
        assertEquals(0, new BigDecimal("6.67").compareTo(response.decimal("total.value")), response.body());
    }

    @Test
    void shouldRefuseAnUnknownSortNamingTheAllowedOnes() {
        var list = api.get("/api/inventory?sort=bogus");
        var lowStock = api.get("/api/inventory/low-stock?sort=bogus");

        assertEquals(400, list.status());
        assertTrue(list.text("errors.0.message").contains("available"), list.body());
        assertEquals("sort", list.text("errors.0.field"));
        assertEquals(400, lowStock.status());
    }

    @Test
    void shouldSortByTheRequestedColumn() {
        aProduct(tenant, "B-2").create();
        StockSeed.stock(tenant, "APL-001", "WH1", "1", "0", "1.00");
        StockSeed.stock(tenant, "B-2", "WH1", "9", "0", "1.00");

        var byAvailable = api.get("/api/inventory?sort=-available");

        assertEquals("B-2", byAvailable.text("items.0.sku"), byAvailable.body());
    }

    @Test
    void shouldAnswerAPageFarBeyondTheLastWithAnEmptyPage() {
        StockSeed.stock(tenant, "APL-001", "WH1", "1", "0", "1.00");

        var response = api.get("/api/inventory?page=2147483647&size=200");
        var movements = api.get("/api/inventory/APL-001/movements?page=2147483647&size=200");

        assertEquals(200, response.status(), response.body());
        assertTrue(response.list("items").isEmpty());
        assertEquals(1, ((Number) response.at("totalItems")).intValue());
        assertEquals(200, movements.status(), movements.body());
    }
}
