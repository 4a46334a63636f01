package dev.psi.catalog;

import static dev.psi.testing.Fixtures.partnerRequest;
import static dev.psi.testing.Fixtures.productRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.contract.catalog.Product;
import dev.psi.contract.common.Page;
import dev.psi.testing.Api;
import dev.psi.testing.Fixtures;
import dev.psi.testing.PsiTestResources;
import dev.psi.testing.Rows;
import io.micronaut.core.type.Argument;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every request acts for the tenant of its X-Tenant-Id header and sees nothing of the others. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationIT implements PsiTestResources {

    @Inject
    EmbeddedServer server;

    Api tenantA;
    Api tenantB;

    @BeforeEach
    void newTenants() {
        tenantA = new Api(server.getURI(), Fixtures.newTenant());
        tenantB = tenantA.as(Fixtures.newTenant());
    }

    @Test
    void shouldHideOneTenantsProductFromAnother() {
        var product = productRequest();
        assertEquals(201, tenantA.post("/api/products", product.build()).status());

        assertEquals(404, tenantB.get("/api/products/" + product.key()).status());
        assertEquals(List.of(), skus(tenantB, "/api/products"));
        assertEquals(List.of(), skus(tenantB, "/api/products?q=" + product.key()));
        assertEquals(List.of(product.key()), skus(tenantA, "/api/products"));
    }

    @Test
    void shouldNotLetAnotherTenantChangeAProduct() {
        var product = productRequest();
        tenantA.post("/api/products", product.build());

        var update = tenantB.put("/api/products/" + product.key(), product.build(), "If-Match", "\"0\"");
        var deactivate = tenantB.post("/api/products/" + product.key() + "/deactivate", Map.of());

        assertEquals(404, update.status(), update::toString);
        assertEquals(404, deactivate.status(), deactivate::toString);
        assertEquals(Map.of("active", true, "version", 0), Rows.one(
                "SELECT active, version FROM products WHERE tenant_id = ? AND sku = ?", tenantA.tenant(), product.key()));
    }

    @Test
    void shouldLetEachTenantCreateTheSameSkuIndependently() {
        var product = productRequest();
        String nameOfA = (String) product.build().get("name");

        var a = tenantA.post("/api/products", product.build());
        var b = tenantB.post("/api/products", product.with("name", "B's own").build());

        assertEquals(201, a.status(), a::toString);
        assertEquals(201, b.status(), b::toString);
        assertEquals(2L, Rows.count("SELECT COUNT(DISTINCT tenant_id) FROM products WHERE sku = ? AND tenant_id IN (?, ?)",
                product.key(), tenantA.tenant(), tenantB.tenant()));
        assertEquals(nameOfA, tenantA.get("/api/products/" + product.key()).as(Product.class).name());
        assertEquals("B's own", tenantB.get("/api/products/" + product.key()).as(Product.class).name());
    }

    @Test
    void shouldNotOfferAnotherTenantsSupplierAsPreferredSupplier() {
        var supplier = partnerRequest();
        tenantA.post("/api/suppliers", supplier.build());

        var reply = tenantB.post("/api/products", productRequest().with("preferredSupplierCode", supplier.key()).build());

        assertEquals(400, reply.status(), reply::toString);
        assertEquals(List.of("preferredSupplierCode"), reply.errorFields());
    }

    @Test
    void shouldRefuseATokenWithAMalformedTenantAndStoreNothing() {
        var product = productRequest();
        var bad = tenantA.as("not a tenant!");

        var reply = bad.post("/api/products", product.build());

        assertEquals(403, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
        assertEquals(0L, Rows.count("SELECT COUNT(*) FROM products WHERE sku = ?", product.key()));
        assertEquals(403, bad.get("/api/products").status());
    }

    @Test
    void shouldRefuseARequestWithoutTokenWhateverItsHeaderSays() {
        var product = productRequest();

        var reply = tenantA.as(null).post("/api/products", product.build(), "X-Tenant-Id", tenantA.tenant());

        assertEquals(401, reply.status(), reply::toString);
        assertEquals(0L, Rows.count("SELECT COUNT(*) FROM products WHERE sku = ?", product.key()));
    }

    @Test
    void shouldActForTheTokensTenantNotTheHeaders() {
        var product = productRequest();

        var reply = tenantA.post("/api/products", product.build(), "X-Tenant-Id", tenantB.tenant());

        assertEquals(201, reply.status(), reply::toString);
        assertEquals(1L, Rows.count("SELECT COUNT(*) FROM products WHERE tenant_id = ? AND sku = ?", tenantA.tenant(), product.key()));
        assertEquals(0L, Rows.count("SELECT COUNT(*) FROM products WHERE tenant_id = ? AND sku = ?", tenantB.tenant(), product.key()));
    }

    private static List<String> skus(Api api, String path) {
        var reply = api.get(path);
        assertEquals(200, reply.status(), reply::toString);
        Page<Product> page = reply.read(Argument.of(Page.class, Product.class));
        return page.items().stream().map(Product::sku).toList();
    }
}
