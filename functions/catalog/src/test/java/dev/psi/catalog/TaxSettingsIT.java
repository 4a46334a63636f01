package dev.psi.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.testing.Rows;
import dev.psi.testing.TenantTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@MicronautTest
class TaxSettingsIT extends TenantTest {

    private static Map<String, Object> taxSettings(Object rate, Object pricesIncludeTax) {
        var body = new HashMap<String, Object>();
        body.put("defaultTaxRate", rate);
        body.put("pricesIncludeTax", pricesIncludeTax);
        return body;
    }

    /** The rate a reply carries, compared by value (JSON keeps no trailing zeros). */
    private static BigDecimal rate(dev.psi.testing.Api.Response reply) {
        return reply.decimal("defaultTaxRate").stripTrailingZeros();
    }

    private Map<String, Object> stored() {
        return Rows.one("SELECT default_tax_rate, prices_include_tax, settings_version FROM tenants WHERE id = ?", tenant);
    }

    @Test
    void shouldReadTheSystemDefaultForATenantThatNeverChangedIt() {
        var read = api.withRoles("viewer").get("/api/settings/tax");

        assertEquals(200, read.status(), read::toString);
        assertEquals("\"0\"", read.header("ETag"));
        assertEquals(List.of(BigDecimal.ZERO, false, 0), List.of(rate(read), read.at("pricesIncludeTax"), read.at("version")));
    }

    @Test
    void shouldChangeTheSettingsWithIfMatchAndAuditIt() {
        var first = api.put("/api/settings/tax", taxSettings(13.00, false), "If-Match", "\"0\"");
        var second = api.put("/api/settings/tax", taxSettings(new BigDecimal("9.5"), true), "If-Match", first.header("ETag"));
        var read = api.withRoles("warehouse").get("/api/settings/tax");

        assertEquals(200, first.status(), first::toString);
        assertEquals("\"1\"", first.header("ETag"));
        assertEquals(new BigDecimal("13"), rate(first));
        assertEquals(200, second.status(), second::toString);
        assertEquals("\"2\"", read.header("ETag"));
        assertEquals(List.of(new BigDecimal("9.5"), true, 2), List.of(rate(read), read.at("pricesIncludeTax"), read.at("version")));
        assertEquals(Map.of("default_tax_rate", new BigDecimal("9.50"), "prices_include_tax", true, "settings_version", 2), stored());
        assertEquals(2L, Rows.count("SELECT COUNT(*) FROM audit_log WHERE tenant_id = ? AND action = 'update'"
                + " AND entity_type = 'tax-settings' AND entity_key = ?", tenant, tenant));
    }

    @Test
    void shouldTakeTheBodysVersionInsteadOfIfMatch() {
        var body = taxSettings(5, false);
        body.put("version", 0);

        var reply = api.put("/api/settings/tax", body);

        assertEquals(200, reply.status(), reply::toString);
        assertEquals(new BigDecimal("5.00"), stored().get("default_tax_rate"));
    }

    @Test
    void shouldRefuseAStaleOrMissingVersionAndChangeNothing() {
        api.put("/api/settings/tax", taxSettings(13, false), "If-Match", "\"0\"");

        var stale = api.put("/api/settings/tax", taxSettings(20, true), "If-Match", "\"0\"");
        var missing = api.put("/api/settings/tax", taxSettings(20, true));

        assertEquals(412, stale.status(), stale::toString);
        assertEquals("application/problem+json", stale.contentType());
        assertEquals(1, stale.at("currentVersion"));
        assertEquals(428, missing.status(), missing::toString);
        assertEquals(Map.of("default_tax_rate", new BigDecimal("13.00"), "prices_include_tax", false, "settings_version", 1), stored());
    }

    @Test
    void shouldRefuseBadSettingsWithTheirFieldsAndChangeNothing() {
        api.put("/api/settings/tax", taxSettings(13, false), "If-Match", "\"0\"");
        var before = stored();

        var tooHigh = api.put("/api/settings/tax", taxSettings(100.01, false), "If-Match", "\"1\"");
        var negative = api.put("/api/settings/tax", taxSettings(-1, false), "If-Match", "\"1\"");
        var threeDecimals = api.put("/api/settings/tax", taxSettings(new BigDecimal("13.125"), false), "If-Match", "\"1\"");
        var noFlag = api.put("/api/settings/tax", taxSettings(13, null), "If-Match", "\"1\"");
        var noRate = api.put("/api/settings/tax", taxSettings(null, true), "If-Match", "\"1\"");
        var notANumber = api.put("/api/settings/tax", taxSettings("lots", true), "If-Match", "\"1\"");

        for (var reply : List.of(tooHigh, negative, threeDecimals, noFlag, noRate, notANumber)) {
            assertEquals(400, reply.status(), reply::toString);
            assertEquals("application/problem+json", reply.contentType(), reply::toString);
        }
        assertEquals(List.of("defaultTaxRate"), tooHigh.errorFields());
        assertEquals(List.of("defaultTaxRate"), negative.errorFields());
        assertEquals(List.of("defaultTaxRate"), threeDecimals.errorFields());
        assertEquals(List.of("pricesIncludeTax"), noFlag.errorFields());
        assertEquals(List.of("defaultTaxRate"), noRate.errorFields());
        assertEquals(before, stored());
        assertEquals(1L, Rows.count("SELECT COUNT(*) FROM audit_log WHERE tenant_id = ?", tenant));
    }

    @Test
    void shouldLetOnlyAnAdminChangeTheSettings() {
        for (String role : List.of("purchaser", "sales", "warehouse", "viewer")) {
            var reply = api.withRoles(role).put("/api/settings/tax", taxSettings(13, false), "If-Match", "\"0\"");
            assertEquals(403, reply.status(), role + ": " + reply);
            assertEquals(List.of("admin"), reply.list("requiredRoles"), reply::toString);
        }
        assertEquals(0L, Rows.count("SELECT COUNT(*) FROM tenants WHERE id = ?", tenant));
        assertEquals(200, api.withRoles("admin").put("/api/settings/tax", taxSettings(13, false), "If-Match", "\"0\"").status());
    }

    @Test
    void shouldKeepEachTenantsSettingsItsOwn() {
        api.put("/api/settings/tax", taxSettings(17, true), "If-Match", "\"0\"");

        var other = api.as(dev.psi.testing.Fixtures.newTenant()).get("/api/settings/tax");

        assertEquals(BigDecimal.ZERO, rate(other));
        assertTrue(!(Boolean) other.at("pricesIncludeTax"));
    }
}
