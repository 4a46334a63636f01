package dev.psi.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.local.LocalSystem;
import dev.psi.security.Permission;
import dev.psi.security.Permissions;
import dev.psi.security.Role;
import dev.psi.testing.Api;
import dev.psi.testing.Fixtures;
import dev.psi.testing.TestTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Every endpoint of every function (read from its served OpenAPI, plus the audit log) against no
 * token, another tenant's token and each role alone: no 2xx without a role the permission table
 * names, and no tenant ever reads or changes another's rows.
 */
class AuthorizationMatrixIT {

    record Endpoint(String function, String method, String path) {
        @Override
        public String toString() {
            return method + " " + path + " (" + function + ")";
        }
    }

    @Test
    void shouldAnswerEveryEndpointOnlyForTheRolesOfThePermissionTableAndTheTokensTenant() {
        var owner = new Tenant();
        var intruder = Fixtures.newTenant();
        owner.settle();
        List<Endpoint> endpoints = endpoints(owner);
        assertTrue(endpoints.size() >= 35, "endpoints found: " + endpoints);
        var before = Footprint.of(owner.id);
        var failures = new ArrayList<String>();

        for (Endpoint endpoint : endpoints) {
            Permission permission = Permissions.find(endpoint.method, endpoint.path).orElse(null);
            if (permission == null) {
                failures.add(endpoint + ": no row of the permission table covers it");
                continue;
            }
            var anonymous = owner.api(endpoint.function).withAuthorization(null);
            expect(failures, endpoint, "no token", call(anonymous, endpoint), 401);
            var forged = owner.api(endpoint.function).withAuthorization("Bearer " + TestTokens.token(
                    "a-secret-nobody-configured-0123456789", owner.id, "x", TestTokens.ALL_ROLES, java.time.Duration.ofHours(1)));
            expect(failures, endpoint, "forged token", call(forged, endpoint), 401);
            for (Role role : Role.values()) {
                if (!permission.roles().contains(role)) {
                    expect(failures, endpoint, role.claim(), call(owner.api(endpoint.function).withRoles(role.claim()), endpoint), 403);
                }
            }
            // Another tenant with every role: never the owner's rows.
            var other = SystemUnderTest.api(endpoint.function, intruder);
            var answer = call(other, endpoint);
            if (answer.status() / 100 == 2 && owner.keys().stream().anyMatch(answer.body()::contains)) {
                failures.add(endpoint + ": tenant " + intruder + " saw the owner's data: " + answer);
            }
            if (answer.status() / 100 == 2 && !endpoint.method.equals("GET") && endpoint.path.split("/").length > 3
                    && !Set.of("/api/purchase-orders", "/api/sales-orders").contains(endpoint.path)) {
                failures.add(endpoint + ": tenant " + intruder + " changed a keyed resource of another tenant: " + answer);
            }
        }

        assertEquals(List.of(), failures);
        assertEquals(before, Footprint.of(owner.id), "nobody but the owner's own roles changed the owner's rows");
        // The permitted roles do get in (not 401/403): the matrix can fail in both directions.
        var admin = owner.api("catalog").withRoles("admin");
        assertEquals(200, admin.get("/api/audit").status());
        assertEquals(200, owner.api("inventory-query").withRoles("viewer").get("/api/inventory").status());
    }

    private static void expect(List<String> failures, Endpoint endpoint, String who, Api.Response answer, int status) {
        if (answer.status() != status) {
            failures.add(endpoint + " as " + who + ": expected " + status + ", got " + answer);
        } else if (!String.valueOf(answer.header("Content-Type")).startsWith("application/problem+json")) {
            failures.add(endpoint + " as " + who + ": not problem+json: " + answer.header("Content-Type"));
        }
    }

    private static Api.Response call(Api api, Endpoint endpoint) {
        return switch (endpoint.method) {
            case "GET" -> api.get(endpoint.path);
            case "DELETE" -> api.delete(endpoint.path, "If-Match", "\"0\"");
            default -> api.send(endpoint.method, endpoint.path, "{}", "If-Match", "\"0\"");
        };
    }

    /** Every operation in each function's OpenAPI, with its path parameters filled with the owner's keys. */
    @SuppressWarnings("unchecked")
    private static List<Endpoint> endpoints(Tenant owner) {
        var endpoints = new ArrayList<Endpoint>();
        for (String function : LocalSystem.FUNCTIONS) {
            var spec = owner.api(function).withAuthorization(null).get("/openapi/" + function + ".yml");
            assertEquals(200, spec.status(), function + " serves its OpenAPI");
            Map<String, Object> paths = (Map<String, Object>) ((Map<String, Object>) new Yaml().load(spec.body())).get("paths");
            paths.forEach((template, operations) -> ((Map<String, Object>) operations).keySet().stream()
                    .filter(m -> Set.of("get", "post", "put", "delete", "patch").contains(m))
                    .forEach(m -> endpoints.add(new Endpoint(function, m.toUpperCase(Locale.ROOT), owner.fill(template)))));
        }
        endpoints.add(new Endpoint("catalog", "GET", "/api/audit"));
        return endpoints;
    }

    /** A tenant with one of everything, under keys no other tenant uses. */
    static final class Tenant {
        final String id = Fixtures.newTenant();
        final String suffix = id.substring(id.length() - 6).toUpperCase(Locale.ROOT);
        final String sku = "SKU-" + suffix;
        final String warehouse = "WH-" + suffix;
        final String supplier = "SUP-" + suffix;
        final String customer = "CUS-" + suffix;
        final String salesOrder;
        final String purchaseOrder;
        final String adjustment;

        Tenant() {
            var catalog = api("catalog");
            created(catalog.post("/api/warehouses", Map.of("code", warehouse, "name", "Main")));
            created(catalog.post("/api/customers", Map.of("code", customer, "name", "A customer")));
            created(catalog.post("/api/suppliers", Map.of("code", supplier, "name", "A supplier")));
            created(catalog.post("/api/products", Map.of("sku", sku, "name", "Apple", "unit", "pcs", "salePrice", 2.5,
                    "purchasePrice", 1.0)));
            adjustment = created(api("stock-adjust").post("/api/stock/adjustments", Map.of("warehouseCode", warehouse,
                    "sku", sku, "quantity", 10, "reason", "OPENING_BALANCE", "unitCost", 1.0))).text("referenceNumber");
            salesOrder = created(api("order-create").post("/api/sales-orders", Map.of("customerCode", customer,
                    "warehouseCode", warehouse, "lines", List.of(Map.of("sku", sku, "quantity", 1))))).text("number");
            purchaseOrder = created(api("order-create").post("/api/purchase-orders", Map.of("supplierCode", supplier,
                    "warehouseCode", warehouse, "lines", List.of(Map.of("sku", sku, "quantity", 1, "unitPrice", 1))))).text("number");
        }

        Api api(String function) {
            return SystemUnderTest.api(function, id);
        }

        /** Waits until the workflows have done with the tenant's orders and its outbox is empty. */
        void settle() {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() ->
                    "CONFIRMED".equals(api("order-workflow").get("/api/sales-orders/" + salesOrder).text("status"))
                            && pendingOutbox() == 0);
        }

        private long pendingOutbox() throws java.sql.SQLException {
            try (var c = dev.psi.testing.TestInfrastructure.get().connection();
                 var s = c.prepareStatement("SELECT COUNT(*) FROM outbox WHERE tenant_id = ? AND published_at IS NULL")) {
                s.setString(1, id);
                try (var r = s.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        }

        /** Strings that appear only in this tenant's answers. */
        List<String> keys() {
            return List.of(sku, warehouse, supplier, customer);
        }

        String fill(String template) {
            String resource = template.split("/").length > 2 ? template.split("/")[2] : "";
            String code = switch (resource) {
                case "warehouses" -> warehouse;
                case "suppliers" -> supplier;
                case "customers" -> customer;
                default -> sku;
            };
            String number = switch (resource) {
                case "sales-orders" -> salesOrder;
                case "purchase-orders" -> purchaseOrder;
                default -> adjustment;
            };
            // the owner has no shipment or receipt: a printable document of one is a 404 to whom may read it
            return template.replace("{sku}", sku).replace("{code}", code).replace("{number}", number)
                    .replace("{shipment}", "SH-" + suffix).replace("{receipt}", "GR-" + suffix);
        }

        private static Api.Response created(Api.Response response) {
            assertEquals(201, response.status(), response::toString);
            return response;
        }
    }

    static void assertNoJavaText(Api.Response response) {
        assertFalse(response.body().matches("(?s).*(java\\.|dev\\.psi\\.|Exception|micronaut).*"), response::toString);
    }
}
