package dev.psi.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.local.LocalSystem;
import dev.psi.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * What a client generated from the served OpenAPI documents may rely on: every operation needs the bearer token the
 * document declares, and says that it answers refusals as problem+json; no operation asks for the tenant (it comes
 * from the token); a parameter with a default may be left out; and every query parameter a document lists, the
 * function takes (it refuses any other, StrictRequests).
 */
class OpenApiContractIT {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");

    @Test
    @SuppressWarnings("unchecked")
    void shouldDocumentTheTokenTheProblemsAndOnlyTheParametersTheFunctionsTake() {
        String tenant = Fixtures.newTenant();
        var failures = new ArrayList<String>();
        int operations = 0;
        for (String function : LocalSystem.FUNCTIONS) {
            var api = SystemUnderTest.api(function, tenant);
            var served = api.withAuthorization(null).get("/openapi/" + function + ".yml");
            assertEquals(200, served.status(), function + " serves its OpenAPI");
            Map<String, Object> spec = new Yaml().load(served.body());

            Map<String, Object> bearer = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                    spec.get("components")).get("securitySchemes")).get("bearer");
            assertEquals("http", bearer.get("type"), function);
            assertEquals("bearer", bearer.get("scheme"), function);
            assertEquals(List.of(Map.of("bearer", List.of())), spec.get("security"), function + ": every operation needs the token");
            assertTrue(!((List<?>) spec.get("servers")).isEmpty(), function + " names its server");

            for (var path : ((Map<String, Map<String, Object>>) spec.get("paths")).entrySet()) {
                for (var operation : path.getValue().entrySet()) {
                    if (!METHODS.contains(operation.getKey())) {
                        continue;
                    }
                    operations++;
                    String where = function + " " + operation.getKey().toUpperCase() + " " + path.getKey();
                    var body = (Map<String, Object>) operation.getValue();
                    if (!(body.get("summary") instanceof String summary) || summary.isBlank()) {
                        failures.add(where + ": no summary");
                    }
                    var responses = (Map<String, Map<String, Object>>) body.get("responses");
                    var refused = responses.get("4XX");
                    if (refused == null || !((Map<String, Object>) refused.get("content")).containsKey("application/problem+json")) {
                        failures.add(where + ": no 4XX problem+json response");
                    }
                    var query = new ArrayList<String>();
                    for (var parameter : (List<Map<String, Object>>) body.getOrDefault("parameters", List.of())) {
                        String name = (String) parameter.get("name");
                        if (name.equalsIgnoreCase("tenant") || name.equalsIgnoreCase("X-Tenant-Id")) {
                            failures.add(where + ": asks for the tenant as " + parameter.get("in") + " parameter " + name);
                        }
                        var schema = (Map<String, Object>) parameter.getOrDefault("schema", Map.of());
                        if (schema.containsKey("default") && Boolean.TRUE.equals(parameter.get("required"))) {
                            failures.add(where + ": " + name + " has a default yet is required");
                        }
                        if ("query".equals(parameter.get("in"))) {
                            query.add(name);
                        }
                    }
                    if ("get".equals(operation.getKey()) && !path.getKey().contains("{") && !query.isEmpty()) {
                        // every documented query parameter at once, each empty: taken, or refused for its value, never
                        // as a parameter the endpoint does not know
                        var url = new StringBuilder(path.getKey()).append('?');
                        query.forEach(name -> url.append(name).append("=&"));
                        var answer = api.get(url.substring(0, url.length() - 1));
                        if (answer.body().contains("is not a parameter of this endpoint")) {
                            failures.add(where + ": refuses a documented parameter: " + answer.body());
                        }
                    }
                }
            }
        }
        assertTrue(operations >= 35, "operations found: " + operations);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
