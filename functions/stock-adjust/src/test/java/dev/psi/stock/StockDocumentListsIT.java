package dev.psi.stock;

import static dev.psi.stock.StockAdjustmentIT.adjustment;
import static dev.psi.testing.Fixtures.aProduct;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.testing.Api;
import dev.psi.testing.Fixtures;
import dev.psi.testing.Rows;
import dev.psi.testing.TenantTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GET /api/stock/adjustments, /api/stock/transfers and /api/stocktakes: paging and the filters
 * (date range, warehouse, SKU, reason), over documents raised through the API. Three adjustments in
 * WH1 (A FOUND, B FOUND, A DAMAGE), one backdated to 2026-01-10; a transfer WH1 -> WH2 of A; a
 * stocktake of B in WH1.
 */
@MicronautTest
class StockDocumentListsIT extends TenantTest {

    private String first;
    private String damage;
    private String transfer;
    private String stocktake;

    @BeforeEach
    void documents() {
        Fixtures.warehouse(tenant, "WH1");
        Fixtures.warehouse(tenant, "WH2");
        aProduct(tenant, "A").create();
        aProduct(tenant, "B").create();
        first = created(api.post("/api/stock/adjustments", adjustment("A", "20", "FOUND", "4.00")));
        created(api.post("/api/stock/adjustments", adjustment("B", "5", "FOUND", "10.00")));
        damage = created(api.post("/api/stock/adjustments", adjustment("A", "-2", "DAMAGE", null)));
        transfer = created(api.post("/api/stock/transfers", Map.of("fromWarehouseCode", "WH1", "toWarehouseCode", "WH2",
                "lines", List.of(Map.of("sku", "A", "quantity", 5)))));
        stocktake = created(api.post("/api/stocktakes", Map.of("warehouseCode", "WH1",
                "lines", List.of(Map.of("sku", "B", "countedQuantity", 4)))));
        Rows.execute("UPDATE stock_documents SET created_at = '2026-01-10 12:00:00' WHERE tenant_id = ? AND number = ?",
                tenant, first);
    }

    @Test
    void shouldListAdjustmentsNewestFirstAndPageThem() {
        var all = ok("/api/stock/adjustments");
        assertEquals(3L, total(all));
        assertEquals(damage, all.text("items.0.number"), all.body());
        assertEquals(first, all.text("items.2.number"), "the backdated one is oldest");
        assertEquals("ADJUSTMENT", all.text("items.0.type"));
        assertEquals("DAMAGE", all.text("items.0.reason"));
        assertEquals(1, ((Number) all.at("items.0.lineCount")).intValue());

        var second = ok("/api/stock/adjustments?size=2&page=1");
        assertEquals(1, second.list("items").size());
        assertEquals(first, second.text("items.0.number"));
        assertEquals(2, ((Number) second.at("totalPages")).intValue());
        assertEquals(first, ok("/api/stock/adjustments?sort=createdAt&size=1").text("items.0.number"));
    }

    @Test
    void shouldFilterByDateRangeSkuReasonAndWarehouse() {
        var january = ok("/api/stock/adjustments?from=2026-01-01&to=2026-01-31");
        assertEquals(1L, total(january));
        assertEquals(first, january.text("items.0.number"));
        assertEquals(2L, total(ok("/api/stock/adjustments?from=2026-02-01")));
        assertEquals(1L, total(ok("/api/stock/adjustments?to=2026-01-10")), "to is inclusive");

        assertEquals(2L, total(ok("/api/stock/adjustments?sku=A")));
        var damaged = ok("/api/stock/adjustments?reason=damage&sku=A");
        assertEquals(1L, total(damaged));
        assertEquals(damage, damaged.text("items.0.number"));
        assertEquals(0L, total(ok("/api/stock/adjustments?warehouseCode=WH2")));

        var toWh2 = ok("/api/stock/transfers?warehouseCode=WH2");
        assertEquals(1L, total(toWh2), "a transfer is listed under its destination too");
        assertEquals(transfer, toWh2.text("items.0.number"));
        assertEquals("WH1", toWh2.text("items.0.warehouseCode"));
        assertEquals("WH2", toWh2.text("items.0.toWarehouseCode"));
        assertEquals(0L, total(ok("/api/stock/transfers?sku=B")));

        var counts = ok("/api/stocktakes?warehouseCode=WH1&sku=B");
        assertEquals(1L, total(counts));
        assertEquals(stocktake, counts.text("items.0.number"));
        assertEquals(0L, total(ok("/api/stocktakes?sku=A")));
    }

    @Test
    void shouldAnswer400NamingTheBadParameter() {
        assertBad("/api/stock/adjustments?reason=THEFT", "reason");
        assertBad("/api/stock/adjustments?from=2026-02-01&to=2026-01-01", "to");
        assertBad("/api/stock/adjustments?from=yesterday", "from");
        assertBad("/api/stock/transfers?size=500", "size");
        assertBad("/api/stock/transfers?reason=FOUND", "reason");
        assertBad("/api/stocktakes?sort=sku", "sort");
        assertBad("/api/stocktakes?page=-1", "page");
    }

    @Test
    void shouldShowEveryRoleTheListsAndOnlyTheTenantsOwn() {
        assertEquals(200, api.withRoles("viewer").get("/api/stocktakes").status());
        assertEquals(401, api.withAuthorization(null).get("/api/stock/adjustments").status());
        var other = api.as(Fixtures.newTenant()).get("/api/stock/adjustments");
        assertEquals(200, other.status());
        assertEquals(0L, total(other));
    }

    private void assertBad(String path, String field) {
        var response = api.get(path);
        assertEquals(400, response.status(), path + ": " + response.body());
        assertEquals("application/problem+json", response.contentType(), path);
        assertTrue(response.errorFields().contains(field), path + ": " + response.body());
    }

    private Api.Response ok(String path) {
        var response = api.get(path);
        assertEquals(200, response.status(), path + ": " + response.body());
        return response;
    }

    private static long total(Api.Response page) {
        return ((Number) page.at("totalItems")).longValue();
    }

    /** The new document's number (an adjustment answers its movement, which names it as its reference). */
    private static String created(Api.Response response) {
        assertEquals(201, response.status(), response.body());
        return response.text("number") != null ? response.text("number") : response.text("referenceNumber");
    }
}
