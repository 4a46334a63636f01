package dev.psi.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.testing.Api;
import dev.psi.testing.PsiTestResources;
import dev.psi.testing.TestInfrastructure;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Events are trusted only with the internal credential, and only for orders of their own tenant. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventTenancyIT implements PsiTestResources {

    @Inject
    EmbeddedServer server;
    @Inject
    TestEventHandler handler;

    String owner;
    String other;

    @BeforeEach
    void tenants() {
        owner = "a-" + UUID.randomUUID().toString().substring(0, 8);
        other = "b-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void shouldApplyAnOrderEventOfTheTenantThatOwnsTheOrder() throws SQLException {
        anOrder(owner, "SO-2026-000001");

        var answer = post(api().internal(), owner, "SO-2026-000001");

        assertEquals(200, answer.status(), answer::toString);
        assertTrue(handler.applied.contains(owner + "/SO-2026-000001"));
    }

    @Test
    void shouldDeadLetterAnEventNamingAnotherTenantsOrder() throws SQLException {
        anOrder(owner, "SO-2026-000002");

        var answer = post(api().internal(), other, "SO-2026-000002");

        assertEquals(400, answer.status(), answer::toString);
        assertEquals("application/problem+json", answer.header("Content-Type"));
        assertFalse(handler.applied.contains(other + "/SO-2026-000002"));
        assertEquals(0L, inboxRows(other), "a refused event leaves no inbox row");
    }

    @Test
    void shouldDeadLetterAnEventForAnOrderThatDoesNotExist() throws SQLException {
        var answer = post(api().internal(), owner, "SO-2026-999999");

        assertEquals(400, answer.status(), answer::toString);
        assertFalse(handler.applied.contains(owner + "/SO-2026-999999"));
    }

    @Test
    void shouldRefuseAnEventWithoutTheInternalCredential() throws SQLException {
        anOrder(owner, "SO-2026-000003");

        var userToken = post(api(), owner, "SO-2026-000003");
        var none = post(api().withAuthorization(null), owner, "SO-2026-000003");

        assertEquals(403, userToken.status(), userToken::toString);
        assertEquals(403, none.status());
        assertFalse(handler.applied.contains(owner + "/SO-2026-000003"));
    }

    private Api api() {
        return new Api(server.getURI(), owner);
    }

    private static Api.Response post(Api api, String tenant, String number) {
        String id = UUID.randomUUID().toString();
        String body = """
                {"eventId":"%s","tenantId":"%s","aggregateId":"%s","occurredAt":"2026-12-01T10:00:00Z",
                 "orderNumber":"%s","customerCode":"C1","warehouseCode":"WH1","lines":[{"sku":"A","quantity":1}]}"""
                .formatted(id, tenant, number, number);
        return api.send("POST", "/events", body, "ce-specversion", "1.0", "ce-id", id,
                "ce-type", "psi.sales-order.placed.v1", "ce-source", "/psi/order-create", "ce-tenantid", tenant,
                "Content-Type", "application/json");
    }

    private static void anOrder(String tenant, String number) throws SQLException {
        try (var c = TestInfrastructure.get().connection(); var s = c.createStatement()) {
            s.executeUpdate("INSERT INTO warehouses (tenant_id, code, name, created_at, updated_at) VALUES ('" + tenant
                    + "', 'WH1', 'W', NOW(6), NOW(6))");
            s.executeUpdate("INSERT INTO customers (tenant_id, code, name, created_at, updated_at) VALUES ('" + tenant
                    + "', 'C1', 'C', NOW(6), NOW(6))");
            s.executeUpdate("INSERT INTO sales_orders (tenant_id, number, customer_id, warehouse_id, status, total_amount,"
                    + " created_at, updated_at) SELECT '" + tenant + "', '" + number + "', c.id, w.id, 'PLACED', 0, NOW(6), NOW(6)"
                    + " FROM customers c JOIN warehouses w ON w.tenant_id = c.tenant_id WHERE c.tenant_id = '" + tenant + "'");
        }
    }

    private static long inboxRows(String tenant) throws SQLException {
        try (var c = TestInfrastructure.get().connection();
             var s = c.prepareStatement("SELECT COUNT(*) FROM inbox WHERE tenant_id = ?")) {
            s.setString(1, tenant);
            try (var r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
