package dev.psi.inventory;

import static dev.psi.testing.Fixtures.aProduct;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.testing.Api;
import dev.psi.testing.Fixtures;
import dev.psi.testing.PsiTestResources;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Redis is an optimisation: with none answering, queries are answered from the database. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisDownIT implements PsiTestResources {

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        var properties = new HashMap<>(PsiTestResources.super.getProperties());
        properties.put("psi.redis.port", String.valueOf(closedPort()));
        return properties;
    }

    @Test
    void shouldAnswerFromTheDatabaseStayReadyAndCountCacheErrors() {
        String tenant = Fixtures.newTenant();
        var api = new Api(server.getURI(), tenant);
        Fixtures.warehouse(tenant, "WH1");
        aProduct(tenant, "A").create();
        StockSeed.stock(tenant, "A", "WH1", "6", "1", "2");

        var first = api.get("/api/inventory/A");
        StockSeed.move(tenant, "A", "WH1", "RECEIPT", "4", "0", "2", java.time.Instant.now());
        var second = api.get("/api/inventory/A");

        assertEquals(200, first.status(), first.body());
        assertEquals(0, new BigDecimal("6").compareTo(first.decimal("total.onHand")));
        assertEquals(0, new BigDecimal("10").compareTo(second.decimal("total.onHand")), "no stale value without a cache");
        assertEquals(200, api.get("/health/readiness").status());
        var errors = Pattern.compile("psi_cache_errors_total\\{[^}]*} ([0-9.]+)").matcher(api.get("/prometheus").body());
        double total = 0;
        while (errors.find()) {
            total += Double.parseDouble(errors.group(1));
        }
        assertTrue(total >= 2, "cache errors counted: " + total);
    }

    private static int closedPort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
