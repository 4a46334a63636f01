package dev.psi.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.contract.problem.Problem;
import dev.psi.testing.Api;
import dev.psi.testing.Fixtures;
import dev.psi.testing.TestInfrastructure;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The catalog started against a database that does not answer: it still starts (nothing touches the
 * database at start-up), says it is alive but not ready, and answers requests 503.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutageIT {

    EmbeddedServer server;
    Api api;

    @BeforeAll
    void startWithoutADatabase() throws IOException {
        var properties = new LinkedHashMap<String, Object>(TestInfrastructure.get().properties(false));
        try (var socket = new ServerSocket(0)) {
            properties.put("psi.database.port", socket.getLocalPort()); // closed again before the catalog starts
        }
        server = ApplicationContext.run(EmbeddedServer.class, properties);
        api = new Api(server.getURI(), Fixtures.newTenant());
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void shouldStayLiveButNotReadyAndAnswer503() {
        // Both wait for the pool's connection timeout (5 s): ask at once rather than one after the other.
        var readiness = CompletableFuture.supplyAsync(() -> api.get("/health/readiness"));
        var request = CompletableFuture.supplyAsync(() -> api.get("/api/products"));
        var liveness = api.get("/health/liveness");

        assertEquals(200, liveness.status(), liveness::toString);
        var notReady = readiness.join();
        assertEquals(503, notReady.status(), notReady::toString);
        assertEquals("DOWN", notReady.json().get("status"), notReady::toString);
        var reply = request.join();
        assertEquals(503, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
        assertEquals("urn:psi:problem:unavailable", reply.as(Problem.class).type());
    }
}
