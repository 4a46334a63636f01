package dev.psi.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.local.LocalSystem;
import dev.psi.testing.TestTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Tokens, the signing secret and the internal credential never reach a log: requests that succeed,
 * that are refused (a forged and an expired token, a wrong internal credential) and that fail
 * validation, then every function's log is searched for each of them.
 */
class SecretsInLogsIT {

    @Test
    void shouldWriteNoTokenSecretOrCredentialIntoAnyFunctionsLog() throws IOException {
        LocalSystem system = SystemUnderTest.get();
        String tenant = "logs-" + UUID.randomUUID().toString().substring(0, 8);
        String valid = TestTokens.token(system.jwtSecret(), tenant, "log-user", List.of("admin"), Duration.ofHours(1));
        String forged = TestTokens.token("a-forged-secret-of-at-least-32-characters", tenant, "x", List.of("admin"),
                Duration.ofHours(1));
        String expired = TestTokens.token(system.jwtSecret(), tenant, "x", List.of("admin"), Duration.ofHours(-1));
        for (String function : List.of("catalog", "order-create", "stock-adjust", "inventory-query", "order-workflow",
                "finance")) {
            var api = SystemUnderTest.api(function, tenant);
            api.withAuthorization("Bearer " + forged).post(path(function), "{}");
            api.withAuthorization("Bearer " + valid).post(path(function), "{\"bad\":");
            api.withAuthorization("Bearer " + expired).post(path(function), "{}");
            api.withAuthorization("Bearer wrong-" + system.internalToken()).post("/events", "{}");
        }
        assertEquals(401, SystemUnderTest.api("catalog", tenant).withAuthorization("Bearer " + forged)
                .get("/api/products").status());
        var created = SystemUnderTest.api("catalog", tenant).withAuthorization("Bearer " + valid)
                .post("/api/warehouses", "{\"code\":\"LOG-1\",\"name\":\"Logged\"}");
        assertEquals(201, created.status(), created::toString);

        var leaks = new ArrayList<String>();
        for (String function : LocalSystem.FUNCTIONS) {
            var log = system.logFile(function);
            if (!Files.exists(log)) {
                continue;
            }
            String text = Files.readString(log);
            assertFalse(text.isEmpty(), function + " logged nothing at all");
            check(leaks, function, text, "the signing secret", system.jwtSecret());
            check(leaks, function, text, "the internal credential", system.internalToken());
            check(leaks, function, text, "a valid token", valid);
            check(leaks, function, text, "a forged token", forged);
            check(leaks, function, text, "an expired token", expired);
            // a token's signature part alone is as good as the token to no one, but a header is a token
            check(leaks, function, text, "a bearer header", "Bearer ey");
        }
        assertEquals(List.of(), leaks);
        assertTrue(Files.exists(system.logFile("catalog")), "the catalog's log exists");
    }

    private static String path(String function) {
        return switch (function) {
            case "catalog" -> "/api/warehouses";
            case "order-create" -> "/api/sales-orders";
            case "order-workflow" -> "/api/sales-orders/SO-NONE/cancel";
            case "finance" -> "/api/finance/receipts";
            default -> "/api/stock/adjustments";
        };
    }

    private static void check(List<String> leaks, String function, String log, String what, String secret) {
        if (secret != null && !secret.isBlank() && log.contains(secret)) {
            leaks.add(function + "'s log holds " + what);
        }
    }
}
