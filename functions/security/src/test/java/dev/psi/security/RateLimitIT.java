package dev.psi.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.testing.Api;
import dev.psi.testing.PsiTestResources;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The limit holds per tenant and client, with Redis and, per instance, without it. */
class RateLimitIT {

    @Test
    void shouldAnswer429WithRetryAfterBeyondTheLimitAndCountOtherClientsApart() {
        try (var server = start(redisPort(true))) {
            var api = new Api(server.getURI(), "t-" + UUID.randomUUID().toString().substring(0, 8));
            for (int i = 0; i < 5; i++) {
                assertEquals(200, api.get("/api/inventory/tenant").status());
            }

            var limited = api.get("/api/inventory/tenant");
            var otherTenant = api.as("o-" + UUID.randomUUID().toString().substring(0, 8)).get("/api/inventory/tenant");

            assertEquals(429, limited.status(), limited::toString);
            assertEquals("urn:psi:problem:rate-limited", limited.text("type"));
            assertNotNull(limited.header("Retry-After"));
            assertTrue(Integer.parseInt(limited.header("Retry-After")) <= 60);
            assertEquals(200, otherTenant.status());
        }
    }

    @Test
    void shouldStillLimitPerInstanceWhileRedisIsDown() throws Exception {
        try (var server = start(redisPort(false))) {
            var api = new Api(server.getURI(), "t-" + UUID.randomUUID().toString().substring(0, 8));
            int ok = 0;
            for (int i = 0; i < 6; i++) {
                ok += api.get("/api/inventory/tenant").status() == 200 ? 1 : 0;
            }

            assertEquals(5, ok);
            assertEquals(429, api.get("/api/inventory/tenant").status());
        }
    }

    private static EmbeddedServer start(int redisPort) {
        var properties = new HashMap<String, Object>(new PsiTestResources() { }.getProperties());
        properties.put("psi.limits.requests-per-minute", 5);
        properties.put("psi.redis.port", redisPort);
        return ApplicationContext.run(EmbeddedServer.class, properties);
    }

    /** The test Redis, or a port where nothing listens. */
    private static int redisPort(boolean up) {
        if (up) {
            return dev.psi.testing.TestInfrastructure.get().redisPort();
        }
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
