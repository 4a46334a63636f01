package dev.psi.catalog;

import static dev.psi.testing.Fixtures.partnerRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.psi.contract.catalog.Partner;
import dev.psi.contract.common.Page;
import dev.psi.contract.problem.Problem;
import dev.psi.testing.Rows;
import dev.psi.testing.TenantTest;
import io.micronaut.core.type.Argument;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Suppliers and customers: the same rules, each under its own path and in its own table. */
@MicronautTest
class PartnerApiIT extends TenantTest {

    @ParameterizedTest
    @ValueSource(strings = {"suppliers", "customers"})
    void shouldCreateAPartnerOfThatKindOnly(String kind) {
        var body = partnerRequest();

        var reply = api.post("/api/" + kind, body.build());

        assertEquals(201, reply.status(), reply::toString);
        assertEquals("/api/" + kind + "/" + body.key(), reply.header("Location"));
        var partner = reply.as(Partner.class);
        assertEquals(List.of(body.key(), body.build().get("email"), body.build().get("phone"), true, 0),
                List.of(partner.code(), partner.email(), partner.phone(), partner.active(), partner.version()));
        assertEquals(body.build().get("email"), Rows.one("SELECT email FROM " + kind + " WHERE tenant_id = ? AND code = ?",
                api.tenant(), body.key()).get("email"));
        String otherKind = kind.equals("suppliers") ? "customers" : "suppliers";
        assertEquals(0L, Rows.count("SELECT COUNT(*) FROM " + otherKind + " WHERE tenant_id = ?", api.tenant()));
        assertEquals(404, api.get("/api/" + otherKind + "/" + body.key()).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"suppliers", "customers"})
    void shouldGiveACodeWithASlashALocationThatLeadsBackToIt(String kind) {
        var created = api.post("/api/" + kind, partnerRequest().with("code", "CN/SH-7").build());

        assertEquals("/api/" + kind + "/CN%2FSH-7", created.header("Location"));
        assertEquals("CN/SH-7", api.get(created.header("Location")).as(Partner.class).code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"suppliers", "customers"})
    void shouldRejectABadEmailAndStoreNothing(String kind) {
        var before = Rows.footprint(api.tenant());

        var reply = api.post("/api/" + kind, partnerRequest().with("email", "not-an-email").build(), "Idempotency-Key", "bad-email");

        assertEquals(400, reply.status(), reply::toString);
        assertEquals("urn:psi:problem:validation", reply.as(Problem.class).type());
        assertEquals(List.of("email"), reply.errorFields());
        assertEquals(before, Rows.footprint(api.tenant()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"suppliers", "customers"})
    void shouldRejectADuplicateCodeWithConflict(String kind) {
        var body = partnerRequest();
        api.post("/api/" + kind, body.build());

        var reply = api.post("/api/" + kind, partnerRequest().with("code", body.key()).build());

        assertEquals(409, reply.status(), reply::toString);
        assertEquals(1L, Rows.count("SELECT COUNT(*) FROM " + kind + " WHERE tenant_id = ?", api.tenant()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"suppliers", "customers"})
    void shouldUpdateWithIfMatchAndRefuseAStaleOneWith412(String kind) {
        var body = partnerRequest();
        api.post("/api/" + kind, body.build());

        var updated = api.put("/api/" + kind + "/" + body.key(), body.with("contact", "Zhang San").build(), "If-Match", "\"0\"");
        var stale = api.put("/api/" + kind + "/" + body.key(), body.with("contact", "Lost").build(), "If-Match", "\"0\"");
        var blind = api.put("/api/" + kind + "/" + body.key(), body.with("contact", "Blind").build());

        assertEquals(200, updated.status(), updated::toString);
        assertEquals("\"1\"", updated.header("ETag"));
        assertEquals(412, stale.status(), stale::toString);
        assertEquals(428, blind.status(), blind::toString);
        assertEquals(Map.of("contact", "Zhang San", "version", 1), Rows.one(
                "SELECT contact, version FROM " + kind + " WHERE tenant_id = ? AND code = ?", api.tenant(), body.key()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"suppliers", "customers"})
    void shouldDeactivateOnDeleteAndListBySearch(String kind) {
        var acme = partnerRequest().with("name", "Acme Trading");
        var globex = partnerRequest().with("name", "Globex Foods");
        api.post("/api/" + kind, acme.build());
        api.post("/api/" + kind, globex.build());

        var deleted = api.delete("/api/" + kind + "/" + acme.key());

        assertEquals(204, deleted.status(), deleted::toString);
        assertFalse(api.get("/api/" + kind + "/" + acme.key()).as(Partner.class).active());
        assertEquals(List.of(globex.key()), codes("/api/" + kind + "?active=true"));
        assertEquals(List.of(acme.key()), codes("/api/" + kind + "?q=" + acme.build().get("email")));
        assertEquals(List.of(globex.key(), acme.key()), codes("/api/" + kind + "?sort=-name"));
    }

    private List<String> codes(String path) {
        var reply = api.get(path);
        assertEquals(200, reply.status(), reply::toString);
        Page<Partner> page = reply.read(Argument.of(Page.class, Partner.class));
        return page.items().stream().map(Partner::code).toList();
    }
}
