package dev.psi.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.testing.Api;
import dev.psi.testing.PsiTestResources;
import dev.psi.testing.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityIT implements PsiTestResources {

    @Inject
    EmbeddedServer server;
    @Inject
    MeterRegistry meters;

    Api api;
    String tenant;

    @BeforeEach
    void newTenant() {
        tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        api = new Api(server.getURI(), tenant);
    }

    @Test
    void shouldAnswer401ProblemWithoutAToken() {
        var answer = api.withAuthorization(null).get("/api/inventory/tenant");

        assertEquals(401, answer.status(), answer::toString);
        assertEquals("application/problem+json", answer.header("Content-Type"));
        assertEquals("urn:psi:problem:unauthenticated", answer.text("type"));
        assertEquals("Bearer", answer.header("WWW-Authenticate"));
    }

    @Test
    void shouldRefuseForgedExpiredAndTenantlessTokens() {
        String forged = TestTokens.token("another-secret-of-at-least-32-characters!", tenant, "x", TestTokens.ALL_ROLES,
                Duration.ofHours(1));
        String expired = TestTokens.token(TestTokens.secret(), tenant, "x", TestTokens.ALL_ROLES, Duration.ofHours(-1));
        String noTenant = TestTokens.token(TestTokens.secret(), null, "x", TestTokens.ALL_ROLES, Duration.ofHours(1));

        assertEquals(401, api.withAuthorization("Bearer " + forged).get("/api/inventory/tenant").status());
        assertEquals(401, api.withAuthorization("Bearer " + expired).get("/api/inventory/tenant").status());
        assertEquals(401, api.withAuthorization("Bearer not.a.jwt").get("/api/inventory/tenant").status());
        var tenantless = api.withAuthorization("Bearer " + noTenant).get("/api/inventory/tenant");
        assertEquals(403, tenantless.status(), tenantless::toString);
        assertEquals("urn:psi:problem:forbidden", tenantless.text("type"));
    }

    @Test
    void shouldTakeTheTenantFromTheTokenNeverFromTheHeader() {
        var answer = api.send("GET", "/api/inventory/tenant", null, "X-Tenant-Id", "someone-else");

        assertEquals(200, answer.status(), answer::toString);
        assertEquals(tenant, answer.text("tenant"));
    }

    @Test
    void shouldLetOnlyTheRolesOfThePermissionTableChange() {
        var viewer = api.withRoles("viewer").post("/api/stock/adjustments", "{}");
        var sales = api.withRoles("sales").post("/api/stock/adjustments", "{}");
        var warehouse = api.withRoles("warehouse").post("/api/stock/adjustments", "{}");

        assertEquals(403, viewer.status(), viewer::toString);
        assertEquals(List.of("admin", "warehouse"), viewer.list("requiredRoles"));
        assertEquals(403, sales.status());
        assertEquals(201, warehouse.status(), warehouse::toString);
        assertEquals(200, api.withRoles("viewer").get("/api/inventory/tenant").status());
    }

    @Test
    void shouldRefuseAnApiPathNoRowOfTheTableNames() {
        var answer = api.get("/api/unlisted");
        var unrouted = api.get("/api/no-such-resource");

        assertEquals(403, answer.status(), answer::toString);
        assertEquals(404, unrouted.status(), unrouted::toString);
    }

    @Test
    void shouldKeepTheInternalEndpointsForTheInternalCredential() {
        var userToken = api.post("/outbox/sweep", "{}");
        var none = api.withAuthorization(null).post("/outbox/sweep", "{}");
        var wrong = api.withAuthorization("Bearer wrong").post("/outbox/sweep", "{}");
        var internal = api.internal().post("/outbox/sweep", "{}");

        assertEquals(403, userToken.status(), userToken::toString);
        assertEquals("application/problem+json", userToken.header("Content-Type"));
        assertEquals(403, none.status());
        assertEquals(403, wrong.status());
        assertEquals(200, internal.status(), internal::toString);
    }

    @Test
    void shouldLeaveHealthAndMetricsOpen() {
        var plain = api.withAuthorization(null);

        assertEquals(200, plain.get("/health/liveness").status());
        assertEquals(200, plain.get("/prometheus").status());
    }

    @Test
    void shouldAuditChangesWithTheirActorForAdminsOnly() {
        api.withRoles("warehouse").post("/api/stock/adjustments", "{\"sku\":\"A\"}", "Idempotency-Key", "k-1");

        var audit = api.withRoles("admin").get("/api/audit");
        var forViewer = api.withRoles("viewer").get("/api/audit");
        var otherTenant = api.as("other-" + tenant.substring(2)).get("/api/audit");

        assertEquals(200, audit.status(), audit::toString);
        assertEquals(1, ((Number) audit.at("totalItems")).intValue(), audit::toString);
        assertEquals("test-user", audit.text("items.0.actor"));
        assertEquals("POST", audit.text("items.0.action"));
        assertEquals("/api/stock/adjustments", audit.text("items.0.entityKey"));
        assertTrue(audit.text("items.0.details").contains("k-1"), audit::toString);
        assertEquals(403, forViewer.status());
        assertEquals(0, ((Number) otherTenant.at("totalItems")).intValue());
    }

    @Test
    void shouldCountEveryRejection() {
        double before = rejected("unauthenticated");

        api.withAuthorization(null).get("/api/inventory/tenant");
        api.withAuthorization(null).get("/api/inventory/tenant");

        assertEquals(before + 2, rejected("unauthenticated"));
    }

    private double rejected(String reason) {
        var counter = meters.find(Rejections.METRIC).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}
