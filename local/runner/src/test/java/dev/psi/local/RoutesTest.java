package dev.psi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutesTest {

    private static final Routes TABLE = load();
    private static final Set<String> ALL = Set.of("catalog", "order-create", "order-workflow", "stock-adjust",
            "inventory-query", "replenish", "reports", "finance", "console");

    private static Routes load() {
        try {
            return Routes.load(Path.of("../../k8s/api-routes.yaml"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Optional<String> route(String method, String path) {
        return TABLE.match(method, path, ALL::contains).map(Routes.Route::function);
    }

    @Test
    void shouldSendCreatingPostsToOrderCreateAndEveryOtherOrderPathToOrderWorkflow() {
        assertEquals(Optional.of("order-create"), route("POST", "/api/sales-orders"));
        assertEquals(Optional.of("order-create"), route("POST", "/api/purchase-orders"));
        assertEquals(Optional.of("order-workflow"), route("GET", "/api/sales-orders"));
        assertEquals(Optional.of("order-workflow"), route("POST", "/api/sales-orders/SO-2026-000001/shipments"));
        assertEquals(Optional.of("order-workflow"), route("POST", "/api/purchase-orders/PO-1/receipts"));
    }

    @Test
    void shouldMatchWholeSegmentsOnly() {
        assertEquals(Optional.of("catalog"), route("GET", "/api/products/APL-001"));
        assertEquals(Optional.of("stock-adjust"), route("POST", "/api/stock/adjustments"));
        assertEquals(Optional.of("inventory-query"), route("GET", "/api/inventory/APL-001/movements"));
        assertEquals(Optional.of("replenish"), route("GET", "/api/replenishment/suggestions"));
        assertEquals(Optional.of("order-workflow"), route("POST", "/api/purchase-orders/PO-1/approve"));
        assertEquals(Optional.of("reports"), route("GET", "/api/reports/gross-profit"));
        assertEquals(Optional.of("finance"), route("POST", "/api/finance/receipts"));
        assertEquals(Optional.of("catalog"), route("PUT", "/api/settings/tax"));
        assertEquals(Optional.of("catalog"), route("GET", "/api/settings/tax"));
        assertEquals(Optional.of("finance"), route("GET", "/api/finance/customers/C001/statement"));
        // "/api/productsX" is not under "/api/products": it falls to the console's GET route, never to catalog.
        assertEquals(Optional.of("console"), route("GET", "/api/productsX"));
        assertEquals(Optional.empty(), route("POST", "/api/productsX"));
    }

    @Test
    void shouldNeverRouteInternalPaths() {
        for (String path : Set.of("/events", "/events/dead-letter", "/events/dead-letters", "/outbox/sweep", "/outbox",
                "/api/x/dead-letters")) {
            assertEquals(Optional.empty(), route("POST", path), path);
            assertEquals(Optional.empty(), route("GET", path), path);
            assertTrue(Routes.isInternal(path), path);
        }
    }

    @Test
    void shouldSkipRoutesWhoseFunctionIsNotRunning() {
        var withoutConsole = TABLE.match("GET", "/", name -> !name.equals("console"));
        assertEquals(Optional.empty(), withoutConsole);
        assertEquals(Optional.of("console"), route("GET", "/"));
        assertEquals(Optional.of("console"), route("HEAD", "/index.html"));
        assertEquals(Optional.empty(), route("DELETE", "/"));
    }

    @Test
    void shouldRejectATableWithoutRoutes() {
        var error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Routes.parse("routes:\n  - { path: api, function: x }\n", "test"));
        assertTrue(error.getMessage().contains("path starting with /"));
    }
}
