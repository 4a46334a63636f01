package dev.psi.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.testing.TenantTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the cluster and its operators rely on: health probes, metrics, the OpenAPI document. */
@MicronautTest
class OperationsEndpointsIT extends TenantTest {

    @Test
    @SuppressWarnings("unchecked")
    void shouldBeReadyWhenTheDatabaseAnswers() {
        var reply = api.get("/health/readiness");

        assertEquals(200, reply.status(), reply::toString);
        var health = reply.json();
        assertEquals("UP", health.get("status"), reply::toString);
        var details = (Map<String, Object>) health.get("details");
        var database = (Map<String, Object>) details.get("database");
        assertEquals("UP", database.get("status"), reply::toString);
        assertEquals("reachable", ((Map<String, Object>) database.get("details")).get("database"), reply::toString);
    }

    @Test
    void shouldBeLiveAndHealthy() {
        var liveness = api.get("/health/liveness");
        var health = api.get("/health");

        assertEquals(200, liveness.status(), liveness::toString);
        assertEquals("UP", liveness.json().get("status"));
        assertEquals(200, health.status(), health::toString);
        assertEquals("UP", health.json().get("status"));
    }

    @Test
    void shouldExposeHttpServerMetricsForPrometheus() {
        assertEquals(200, api.get("/api/products").status());

        var reply = api.get("/prometheus");

        assertEquals(200, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("text/plain"), reply.contentType());
        assertTrue(reply.body().lines().anyMatch(line -> line.startsWith("http_server_requests_seconds_count{")
                && line.contains("uri=\"/api/products\"")), reply.body());
    }

    @Test
    void shouldServeTheOpenApiDocumentOfTheCatalog() {
        var reply = api.get("/openapi/catalog.yml");

        assertEquals(200, reply.status(), reply::toString);
        assertTrue(reply.body().startsWith("openapi: "), reply.body());
        assertTrue(reply.body().contains("/api/products:"), reply.body());
        assertTrue(reply.body().contains("/api/products/import:"), reply.body());
        assertTrue(reply.body().contains("/api/warehouses:"), reply.body());
        assertTrue(reply.body().contains("/api/suppliers:"), reply.body());
        assertTrue(reply.body().contains("/api/customers:"), reply.body());
    }
}
