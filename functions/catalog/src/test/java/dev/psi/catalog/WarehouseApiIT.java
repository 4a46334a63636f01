package dev.psi.catalog;

import static dev.psi.testing.Fixtures.warehouseRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.contract.catalog.Warehouse;
import dev.psi.contract.common.Page;
import dev.psi.contract.problem.Problem;
import dev.psi.testing.Rows;
import dev.psi.testing.TenantTest;
import io.micronaut.core.type.Argument;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@MicronautTest
class WarehouseApiIT extends TenantTest {

    @Test
    void shouldCreateAndReadAWarehouse() {
        var body = warehouseRequest();

        var created = api.post("/api/warehouses", body.build());
        var read = api.get("/api/warehouses/" + body.key());

        assertEquals(201, created.status(), created::toString);
        assertEquals("/api/warehouses/" + body.key(), created.header("Location"));
        var warehouse = read.as(Warehouse.class);
        assertEquals(List.of(body.key(), body.build().get("name"), body.build().get("address"), true, 0),
                List.of(warehouse.code(), warehouse.name(), warehouse.address(), warehouse.active(), warehouse.version()));
        assertEquals("\"0\"", read.header("ETag"));
        assertEquals(body.build().get("name"), Rows.one("SELECT name FROM warehouses WHERE tenant_id = ? AND code = ?",
                api.tenant(), body.key()).get("name"));
    }

    @Test
    void shouldGiveACodeWithASlashALocationThatLeadsBackToIt() {
        var created = api.post("/api/warehouses", warehouseRequest().with("code", "SH/01").build());

        assertEquals("/api/warehouses/SH%2F01", created.header("Location"));
        assertEquals("SH/01", api.get(created.header("Location")).as(Warehouse.class).code());
    }

    @Test
    void shouldUpdateWithIfMatch() {
        var body = warehouseRequest();
        api.post("/api/warehouses", body.build());

        var reply = api.put("/api/warehouses/" + body.key(), body.with("name", "Main store").build(), "If-Match", "\"0\"");

        assertEquals(200, reply.status(), reply::toString);
        assertEquals("\"1\"", reply.header("ETag"));
        assertEquals(Map.of("name", "Main store", "version", 1), Rows.one(
                "SELECT name, version FROM warehouses WHERE tenant_id = ? AND code = ?", api.tenant(), body.key()));
    }

    @Test
    void shouldTakeIfMatchStarAsAnyCurrentVersion() {
        var body = warehouseRequest();
        api.post("/api/warehouses", body.build());
        api.put("/api/warehouses/" + body.key(), body.with("name", "First edit").build(), "If-Match", "\"0\"");

        var reply = api.put("/api/warehouses/" + body.key(), body.with("name", "Any version").build(), "If-Match", "*");
        var missing = api.put("/api/warehouses/NOPE", warehouseRequest().with("code", "NOPE").build(), "If-Match", "*");
        var deactivated = api.post("/api/warehouses/" + body.key() + "/deactivate", null, "If-Match", "*");

        assertEquals(200, reply.status(), reply::toString);
        assertEquals("\"2\"", reply.header("ETag"));
        assertEquals(404, missing.status(), missing::toString);
        assertEquals(200, deactivated.status(), deactivated::toString);
    }

    @Test
    void shouldCountANameInCharactersNotUtf16Units() {
        String twoHundredEmoji = "\uD83C\uDF4E".repeat(200);

        var accepted = api.post("/api/warehouses", warehouseRequest().with("name", twoHundredEmoji).build());
        var refused = api.post("/api/warehouses", warehouseRequest().with("name", twoHundredEmoji + "x").build());

        assertEquals(201, accepted.status(), accepted::toString);
        assertEquals(twoHundredEmoji, accepted.as(Warehouse.class).name());
        assertEquals(400, refused.status(), refused::toString);
        assertEquals(List.of("name"), refused.errorFields(), refused::toString);
    }

    @Test
    void shouldAnswerAPageWhoseOffsetOverflowsAnIntWithAnEmptyPage() {
        api.post("/api/warehouses", warehouseRequest().build());

        var reply = api.get("/api/warehouses?page=2147483647&size=200");

        assertEquals(200, reply.status(), reply::toString);
        assertEquals(List.of(), reply.json().get("items"));
    }

    @Test
    void shouldRefuseAStaleUpdateWith412AndAMissingIfMatchWith428() {
        var body = warehouseRequest();
        api.post("/api/warehouses", body.build());
        api.put("/api/warehouses/" + body.key(), body.with("name", "First").build(), "If-Match", "\"0\"");

        var stale = api.put("/api/warehouses/" + body.key(), body.with("name", "Stale").build(), "If-Match", "\"0\"");
        var blind = api.put("/api/warehouses/" + body.key(), body.with("name", "Blind").build());

        assertEquals(412, stale.status(), stale::toString);
        assertEquals(428, blind.status(), blind::toString);
        assertEquals(Map.of("name", "First", "version", 1), Rows.one(
                "SELECT name, version FROM warehouses WHERE tenant_id = ? AND code = ?", api.tenant(), body.key()));
    }

    @Test
    void shouldRejectADuplicateCodeWithConflict() {
        var body = warehouseRequest();
        api.post("/api/warehouses", body.build());

        var reply = api.post("/api/warehouses", warehouseRequest().with("code", body.key()).build());

        assertEquals(409, reply.status(), reply::toString);
        assertEquals("urn:psi:problem:duplicate", reply.as(Problem.class).type());
        assertEquals(1L, Rows.count("SELECT COUNT(*) FROM warehouses WHERE tenant_id = ?", api.tenant()));
    }

    @Test
    void shouldRejectABlankNameAndStoreNothing() {
        var before = Rows.footprint(api.tenant());

        var reply = api.post("/api/warehouses", warehouseRequest().with("name", " ").build(), "Idempotency-Key", "wh-bad");

        assertEquals(400, reply.status(), reply::toString);
        assertEquals(List.of("name"), reply.errorFields());
        assertEquals(before, Rows.footprint(api.tenant()));
    }

    @Test
    void shouldDeactivateOnDeleteAndListByActiveAndSearch() {
        var north = warehouseRequest().with("name", "North depot");
        var south = warehouseRequest().with("name", "South depot");
        api.post("/api/warehouses", north.build());
        api.post("/api/warehouses", south.build());

        var deleted = api.delete("/api/warehouses/" + south.key());

        assertEquals(204, deleted.status(), deleted::toString);
        assertFalse(api.get("/api/warehouses/" + south.key()).as(Warehouse.class).active());
        assertEquals(List.of(north.key()), codes("/api/warehouses?active=true"));
        assertEquals(List.of(south.key()), codes("/api/warehouses?active=false"));
        assertEquals(List.of(south.key()), codes("/api/warehouses?q=south"));
        assertEquals(List.of(south.key(), north.key()), codes("/api/warehouses?sort=-name"));
    }

    @Test
    void shouldReactivateAWarehouse() {
        var body = warehouseRequest();
        api.post("/api/warehouses", body.build());
        api.post("/api/warehouses/" + body.key() + "/deactivate", Map.of());

        var reply = api.post("/api/warehouses/" + body.key() + "/activate", Map.of(), "If-Match", "\"1\"");

        assertEquals(200, reply.status(), reply::toString);
        assertTrue(reply.as(Warehouse.class).active());
        assertEquals(true, Rows.one("SELECT active FROM warehouses WHERE tenant_id = ? AND code = ?",
                api.tenant(), body.key()).get("active"));
    }

    private List<String> codes(String path) {
        var reply = api.get(path);
        assertEquals(200, reply.status(), reply::toString);
        Page<Warehouse> page = reply.read(Argument.of(Page.class, Warehouse.class));
        return page.items().stream().map(Warehouse::code).toList();
    }
}
